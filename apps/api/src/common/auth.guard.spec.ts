import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ApiConfig, ApiKeysService } from '@threadline/core';
import { DomainError } from '@threadline/domain';
import { ApiKeyGuard } from './auth.guard';

const GOOD = 'tl_good';
const ADMIN_TOKEN = 'operator-token-of-at-least-24-chars';

/** Counters in one fixed window that does not end within a test, like one minute of the Postgres counters. */
function fixedWindow(): ThrottlerStorage {
  const hits = new Map<string, number>();
  return {
    increment: jest.fn(async (key: string, _ttl: number, limit: number) => {
      const n = (hits.get(key) ?? 0) + 1;
      hits.set(key, n);
      return { totalHits: n, timeToExpire: 30, isBlocked: n > limit, timeToBlockExpire: n > limit ? 30 : 0 };
    }),
  };
}

function guard(opts: { admin?: boolean; codec?: boolean; counters?: ThrottlerStorage; config?: Partial<ApiConfig> } = {}) {
  const flags: Record<string, boolean> = { 'threadline:admin': Boolean(opts.admin || opts.codec), 'threadline:codec-local': Boolean(opts.codec) };
  const reflector = { getAllAndOverride: (key: string) => flags[key] ?? false } as unknown as Reflector;
  const apiKeys = {
    authenticate: jest.fn(async (secret?: string) => {
      if (!secret) throw new DomainError('UNAUTHORIZED', 'Send your API key.');
      if (secret !== GOOD) throw new DomainError('UNAUTHORIZED', 'The API key is unknown or revoked.');
      return { workspaceId: 'ws', apiKeyId: 'k' };
    }),
  } as unknown as ApiKeysService;
  const config = { THREADLINE_ADMIN_TOKEN: ADMIN_TOKEN, API_AUTH_FAILURES_PER_MINUTE: 3, CODEC_ENDPOINT_ACCESS: 'operator', ...opts.config } as ApiConfig;
  const counters = opts.counters ?? fixedWindow();
  return { guard: new ApiKeyGuard(reflector, apiKeys, config, counters), apiKeys, counters };
}

function attempt(g: ApiKeyGuard, ip: string, key?: string): Promise<'ok' | DomainError> {
  const req = { ip, socket: { remoteAddress: ip }, headers: key ? { authorization: `Bearer ${key}` } : {} };
  const context = { getHandler: () => undefined, getClass: () => undefined, switchToHttp: () => ({ getRequest: () => req }) } as unknown as ExecutionContext;
  return g.canActivate(context).then(() => 'ok' as const, (err: DomainError) => err);
}

const call = async (g: ApiKeyGuard, ip: string, key?: string) => {
  const outcome = await attempt(g, ip, key);
  return outcome === 'ok' ? outcome : outcome.code;
};

describe('ApiKeyGuard: failed authentications per client address', () => {
  it('answers 401 up to the budget, then API_RATE_LIMITED with a Retry-After, and still lets a valid key through', async () => {
    const { guard: g } = guard();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await call(g, '10.0.0.1', `tl_guess_${i}`));
    expect(answers).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'API_RATE_LIMITED', 'API_RATE_LIMITED']);
    expect(await attempt(g, '10.0.0.1', 'tl_guess_6')).toMatchObject({ code: 'API_RATE_LIMITED', retryAfterMs: 30_000, details: { limit: 3, retryAfterSeconds: 30 } });
    // A client sharing the address with a noisy one is not locked out.
    expect(await call(g, '10.0.0.1', GOOD)).toBe('ok');
  });

  it('keeps other addresses apart', async () => {
    const { guard: g } = guard();
    for (let i = 0; i < 4; i++) await call(g, '10.0.0.1', 'tl_wrong');
    expect(await call(g, '10.0.0.2', GOOD)).toBe('ok');
    expect(await call(g, '10.0.0.2', 'tl_wrong')).toBe('UNAUTHORIZED');
  });

  it('does not count a missing key (a client bug, not a guess) nor a valid one', async () => {
    const { guard: g, counters } = guard();
    for (let i = 0; i < 5; i++) expect(await call(g, '10.0.0.1')).toBe('UNAUTHORIZED');
    expect(await call(g, '10.0.0.1', GOOD)).toBe('ok');
    expect(counters.increment).not.toHaveBeenCalled();
  });

  it('counts wrong operator tokens in the same budget, and past it refuses the operator routes without checking the token', async () => {
    // Key routes and operator routes count into one budget per address.
    const counters = fixedWindow();
    const keys = guard({ counters });
    const admin = guard({ admin: true, counters });
    expect(await call(keys.guard, '10.0.0.1', 'tl_wrong')).toBe('UNAUTHORIZED');
    expect(await call(admin.guard, '10.0.0.1', 'wrong-token-1')).toBe('UNAUTHORIZED');
    expect(await call(admin.guard, '10.0.0.1', 'wrong-token-2')).toBe('UNAUTHORIZED');
    expect(await call(admin.guard, '10.0.0.1', 'wrong-token-3')).toBe('API_RATE_LIMITED');
    expect(await call(admin.guard, '10.0.0.1', ADMIN_TOKEN)).toBe('API_RATE_LIMITED');
    expect(await call(admin.guard, '10.0.0.3', ADMIN_TOKEN)).toBe('ok');
  });
});

describe('ApiKeyGuard: the Temporal codec endpoint (operator route, open to this machine when local)', () => {
  it('lets the operator token in from anywhere, and nothing else by default', async () => {
    const { guard: g } = guard({ codec: true });
    expect(await call(g, '203.0.113.7', ADMIN_TOKEN)).toBe('ok');
    expect(await call(g, '127.0.0.1')).toBe('UNAUTHORIZED');
    expect(await call(g, '127.0.0.1', 'wrong')).toBe('UNAUTHORIZED');
  });

  it('is off without an operator token unless local', async () => {
    expect(await call(guard({ codec: true, config: { THREADLINE_ADMIN_TOKEN: undefined } }).guard, '127.0.0.1', 'anything')).toBe('NOT_FOUND');
  });

  it('with CODEC_ENDPOINT_ACCESS=local, also lets in callers on this machine without a token (the dev Web UI), and no one else', async () => {
    const { guard: g } = guard({ codec: true, config: { CODEC_ENDPOINT_ACCESS: 'local' } });
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(await call(g, ip)).toBe('ok');
    for (const ip of ['192.168.1.20', '10.0.0.5', '::ffff:203.0.113.7']) expect(await call(g, ip)).toBe('UNAUTHORIZED');
    expect(await call(g, '127.0.0.1', 'wrong')).toBe('UNAUTHORIZED');
    // Local access is for the codec only: other operator routes still need the token.
    expect(await call(guard({ admin: true, config: { CODEC_ENDPOINT_ACCESS: 'local' } }).guard, '127.0.0.1')).toBe('UNAUTHORIZED');
  });

  it('counts wrong tokens on the codec endpoint in the address budget', async () => {
    const { guard: g } = guard({ codec: true });
    for (let i = 0; i < 3; i++) expect(await call(g, '10.0.0.9', `wrong-${i}`)).toBe('UNAUTHORIZED');
    expect(await call(g, '10.0.0.9', 'wrong-4')).toBe('API_RATE_LIMITED');
  });
});
