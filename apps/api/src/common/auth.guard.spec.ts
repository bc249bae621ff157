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

function guard(opts: { admin?: boolean; counters?: ThrottlerStorage } = {}) {
  const reflector = { getAllAndOverride: (key: string) => (key === 'threadline:admin' ? Boolean(opts.admin) : false) } as unknown as Reflector;
  const apiKeys = {
    authenticate: jest.fn(async (secret?: string) => {
      if (!secret) throw new DomainError('UNAUTHORIZED', 'Send your API key.');
      if (secret !== GOOD) throw new DomainError('UNAUTHORIZED', 'The API key is unknown or revoked.');
      return { workspaceId: 'ws', apiKeyId: 'k' };
    }),
  } as unknown as ApiKeysService;
  const config = { THREADLINE_ADMIN_TOKEN: ADMIN_TOKEN, API_AUTH_FAILURES_PER_MINUTE: 3 } as ApiConfig;
  const counters = opts.counters ?? fixedWindow();
  return { guard: new ApiKeyGuard(reflector, apiKeys, config, counters), apiKeys, counters };
}

function attempt(g: ApiKeyGuard, ip: string, key?: string): Promise<'ok' | DomainError> {
  const req = { ip, headers: key ? { authorization: `Bearer ${key}` } : {} };
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
