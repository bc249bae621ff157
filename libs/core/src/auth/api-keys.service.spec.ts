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
