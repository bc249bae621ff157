import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ApiConfig, ApiKeysService } from '@threadline/core';
import { DomainError } from '@threadline/domain';
import { ApiKeyGuard } from './auth.guard';

const GOOD = 'tl_good';
const ADMIN_TOKEN = 'operator-token-of-at-least-24-chars';

function guard(opts: { admin?: boolean } = {}) {
  const reflector = { getAllAndOverride: (key: string) => (key === 'threadline:admin' ? Boolean(opts.admin) : false) } as unknown as Reflector;
  const apiKeys = {
    authenticate: jest.fn(async (secret?: string) => {
      if (!secret) throw new DomainError('UNAUTHORIZED', 'Send your API key.');
      if (secret !== GOOD) throw new DomainError('UNAUTHORIZED', 'The API key is unknown or revoked.');
      return { workspaceId: 'ws', apiKeyId: 'k' };
    }),
  } as unknown as ApiKeysService;
  const config = { THREADLINE_ADMIN_TOKEN: ADMIN_TOKEN, API_AUTH_FAILURES_PER_MINUTE: 3 } as ApiConfig;
  // A fixed window that never ends within the test, like one minute of the Postgres counters.
  const hits = new Map<string, number>();
  const counters: ThrottlerStorage = {
    increment: jest.fn(async (key: string, _ttl: number, limit: number) => {
      const n = (hits.get(key) ?? 0) + 1;
      hits.set(key, n);
      return { totalHits: n, timeToExpire: 30, isBlocked: n > limit, timeToBlockExpire: n > limit ? 30 : 0 };
    }),
  };
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
  it('answers 401 up to the budget, then API_RATE_LIMITED with a Retry-After, also for a valid key from that address', async () => {
    const { guard: g, apiKeys } = guard();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await call(g, '10.0.0.1', `tl_guess_${i}`));
    expect(answers).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'API_RATE_LIMITED', 'API_RATE_LIMITED']);
    // The blocked address is refused before any key check: guessing stops here.
    expect(apiKeys.authenticate).toHaveBeenCalledTimes(4);
    expect(await attempt(g, '10.0.0.1', GOOD)).toMatchObject({ code: 'API_RATE_LIMITED', retryAfterMs: expect.any(Number), details: { limit: 3, retryAfterSeconds: expect.any(Number) } });
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

  it('counts wrong operator tokens the same way', async () => {
    const { guard: g } = guard({ admin: true });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call(g, '10.0.0.1', `wrong-token-${i}`));
    expect(answers).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'API_RATE_LIMITED']);
    expect(await call(g, '10.0.0.3', ADMIN_TOKEN)).toBe('ok');
  });
});
