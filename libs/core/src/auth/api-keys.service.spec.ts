import type { ApiKeysRepository } from '@threadline/db';
import { ApiKeysService } from './api-keys.service';

const auth = { workspaceId: 'ws', apiKeyId: 'k' };
const id = '5b0c1f5e-3a4b-4c2d-9e8f-0a1b2c3d4e5f';

function service(outcome: 'revoked' | 'not_found' | 'last_key') {
  const keys = { revoke: jest.fn(async () => outcome) };
  return { svc: new ApiKeysService(keys as unknown as ApiKeysRepository), keys };
}

describe('ApiKeysService.revoke', () => {
  it('refuses with CONFLICT, saying to create another key first, when the key is the workspace\'s last', async () => {
    const { svc } = service('last_key');
    await expect(svc.revoke(auth, id)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/Create another key first/) });
  });

  it('answers NOT_FOUND for an unknown or malformed id, without asking the database about a malformed one', async () => {
    const { svc, keys } = service('not_found');
    await expect(svc.revoke(auth, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(svc.revoke(auth, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(keys.revoke).toHaveBeenCalledTimes(1);
  });

  it('revokes a key when the workspace keeps another', async () => {
    const { svc, keys } = service('revoked');
    await expect(svc.revoke(auth, id)).resolves.toBeUndefined();
    expect(keys.revoke).toHaveBeenCalledWith('ws', id);
  });
});

describe('ApiKeysService.authenticate', () => {
  const secret = 'tl_secret';
  const row = { id, workspaceId: 'ws', rateLimitPerMinute: null, lastUsedAt: new Date() };

  function keys() {
    const repo = { findActiveByHash: jest.fn(async (): Promise<typeof row | null> => row), touch: jest.fn(async () => undefined), revoke: jest.fn(async () => 'revoked') };
    return { svc: new ApiKeysService(repo as unknown as ApiKeysRepository), repo };
  }

  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('trusts a key it found active for the cache time without asking again, then looks it up again', async () => {
    const { svc, repo } = keys();
    await expect(svc.authenticate(secret, 10_000)).resolves.toEqual({ workspaceId: 'ws', apiKeyId: id, rateLimitPerMinute: null });
    await svc.authenticate(secret, 10_000);
    expect(repo.findActiveByHash).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(10_001);
    repo.findActiveByHash.mockResolvedValueOnce(null);
    await expect(svc.authenticate(secret, 10_000)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(repo.findActiveByHash).toHaveBeenCalledTimes(2);
  });

  it('asks every time without a cache time, and never caches a refusal', async () => {
    const { svc, repo } = keys();
    await svc.authenticate(secret);
    await svc.authenticate(secret);
    repo.findActiveByHash.mockResolvedValueOnce(null);
    await expect(svc.authenticate('tl_unknown', 10_000)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(svc.authenticate('tl_unknown', 10_000)).resolves.toMatchObject({ apiKeyId: id });
    expect(repo.findActiveByHash).toHaveBeenCalledTimes(4);
  });

  it('stops trusting a key at once when this process revokes it', async () => {
    const { svc, repo } = keys();
    await svc.authenticate(secret, 10_000);
    await svc.revoke(auth, id);
    repo.findActiveByHash.mockResolvedValueOnce(null);
    await expect(svc.authenticate(secret, 10_000)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
