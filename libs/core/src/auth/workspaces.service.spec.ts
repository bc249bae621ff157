import type { WorkspacesRepository } from '@threadline/db';
import type { ApiKeysService } from './api-keys.service';
import { WorkspacesService } from './workspaces.service';

const id = '5b0c1f5e-3a4b-4c2d-9e8f-0a1b2c3d4e5f';

function service(exists: boolean) {
  const workspaces = { findById: jest.fn(async () => (exists ? { id } : null)) };
  const apiKeys = { create: jest.fn(async () => ({ key: { id: 'k' }, secret: 'tl_x' })) };
  return { svc: new WorkspacesService(workspaces as unknown as WorkspacesRepository, apiKeys as unknown as ApiKeysService), apiKeys };
}

describe('WorkspacesService.createApiKey (operator)', () => {
  it('mints a key for an existing workspace', async () => {
    const { svc, apiKeys } = service(true);
    await expect(svc.createApiKey(id, 'recovery', 30)).resolves.toMatchObject({ secret: 'tl_x' });
    expect(apiKeys.create).toHaveBeenCalledWith(id, 'recovery', 30);
  });

  it('answers NOT_FOUND for an unknown workspace or a malformed id, and mints nothing', async () => {
    const { svc, apiKeys } = service(false);
    await expect(svc.createApiKey(id, 'recovery')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(svc.createApiKey('nope', 'recovery')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(apiKeys.create).not.toHaveBeenCalled();
  });
});
