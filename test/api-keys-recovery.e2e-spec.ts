import { randomUUID } from 'node:crypto';
import { api, createWorkspace } from './support/api-client';
import { stackInfo } from './support/stack-info';

describe('API keys: a workspace cannot lock itself out, and an operator can let it back in', () => {
  it('refuses to revoke the workspace\'s last active key with 409, and revokes it once another exists', async () => {
    const { key } = await createWorkspace();
    const [only] = (await api('GET', '/v1/api-keys', { key })).body.apiKeys;
    const refused = await api('DELETE', `/v1/api-keys/${only.id}`, { key });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ success: false, code: 'CONFLICT', error: expect.stringMatching(/create another key first/i) });
    expect((await api('GET', '/v1/accounts', { key })).status).toBe(200);

    const second = (await api('POST', '/v1/api-keys', { key, body: { name: 'replacement' } })).body.apiKey;
    expect((await api('DELETE', `/v1/api-keys/${only.id}`, { key: second.key })).status).toBe(200);
    expect((await api('GET', '/v1/accounts', { key })).status).toBe(401);
    // Now the replacement is the last one.
    expect((await api('DELETE', `/v1/api-keys/${second.id}`, { key: second.key })).status).toBe(409);
  });

  it('lets only one of two concurrent revokes of the last two keys through', async () => {
    const { key } = await createWorkspace();
    const second = (await api('POST', '/v1/api-keys', { key, body: { name: 'second' } })).body.apiKey;
    const [first] = (await api('GET', '/v1/api-keys', { key })).body.apiKeys;
    // Each key revokes itself, so both requests authenticate whatever the order.
    const answers = await Promise.all([api('DELETE', `/v1/api-keys/${first.id}`, { key }), api('DELETE', `/v1/api-keys/${second.id}`, { key: second.key })]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const survivor = answers[0].status === 409 ? key : second.key;
    const active = (await api('GET', '/v1/api-keys', { key: survivor })).body.apiKeys.filter((k: { revokedAt: string | null }) => !k.revokedAt);
    expect(active).toHaveLength(1);
  });

  it('mints a working key for a workspace through the operator route, and answers 404 for an unknown workspace', async () => {
    const { workspaceId, key } = await createWorkspace();
    const { adminToken } = stackInfo();
    const minted = await api('POST', `/v1/admin/workspaces/${workspaceId}/api-keys`, { key: adminToken, body: { name: 'recovery', rateLimitPerMinute: 120 } });
    expect(minted.status).toBe(201);
    expect(minted.body.apiKey).toMatchObject({ name: 'recovery', rateLimitPerMinute: 120, key: expect.stringMatching(/^tl_/) });
    const listed = await api('GET', '/v1/api-keys', { key: minted.body.apiKey.key });
    expect(listed.status).toBe(200);
    expect(listed.body.apiKeys.map((k: { id: string }) => k.id)).toContain(minted.body.apiKey.id);
    expect((await api('GET', '/v1/api-keys', { key })).body.apiKeys).toHaveLength(2);

    expect((await api('POST', `/v1/admin/workspaces/${randomUUID()}/api-keys`, { key: adminToken, body: { name: 'x' } })).status).toBe(404);
    expect((await api('POST', '/v1/admin/workspaces/not-a-workspace/api-keys', { key: adminToken, body: { name: 'x' } })).status).toBe(404);
    // A workspace key is not an operator token.
    expect((await api('POST', `/v1/admin/workspaces/${workspaceId}/api-keys`, { key, body: { name: 'x' } })).status).toBe(401);
    expect((await api('POST', `/v1/admin/workspaces/${workspaceId}/api-keys`, { key: adminToken, body: {} })).body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
  });
});
