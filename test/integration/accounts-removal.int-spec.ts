import { randomUUID } from 'node:crypto';
import { AccountsService, type AuthContext } from '@threadline/core';
import { AccountsRepository, LinkedinAccountEntity } from '@threadline/db';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

/** Workspaces raced at once per test. */
const WORKSPACES = 30;

describe('account removal', () => {
  let db: ScratchDatabase;
  let repo: AccountsRepository;
  let service: AccountsService;

  beforeAll(async () => {
    db = await createScratchDatabase();
    repo = new AccountsRepository(db.dataSource.getRepository(LinkedinAccountEntity));
    // remove() and setDefault() use only the repository; LinkedIn, secrets, config and events are never reached.
    const unused = undefined as never;
    service = new AccountsService(repo, unused, unused, unused, unused, unused, unused);
  });
  afterAll(() => db?.drop());

  /** A workspace with `n` accounts, created one after the other: the first is the default. */
  async function workspaceWith(n: number): Promise<{ auth: AuthContext; ids: string[] }> {
    const [{ id: workspaceId }] = await db.dataSource.query(`INSERT INTO workspaces (name) VALUES ('removal') RETURNING id`);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const account = await repo.create({
        workspaceId, name: `account ${i}`, profileUrn: `urn:li:fsd_profile:${randomUUID()}`, publicIdentifier: null, status: 'active', statusReason: null,
        holdUntil: null, cookiesEncrypted: 'sealed', proxyEncrypted: null, userAgent: 'jest', baseUrl: null, hasSalesNavigator: false, dailyMessageCap: null, timeZone: 'UTC',
      });
      ids.push(account.id);
    }
    return { auth: { workspaceId, apiKeyId: randomUUID() }, ids };
  }

  /**
   * Runs `op` after `i % 6` database round trips: the second of two racing operations starts a little
   * later in each workspace, so that its statements land between every pair of the first one's.
   */
  async function staggered(i: number, op: () => Promise<unknown>): Promise<unknown> {
    for (let k = 0; k < i % 6; k++) await db.dataSource.query('SELECT 1');
    return op();
  }

  async function defaultsOf(workspaceId: string): Promise<{ accounts: number; defaults: string[] }> {
    const rows = await repo.listForWorkspace(workspaceId);
    return { accounts: rows.length, defaults: rows.filter((a) => a.isDefault).map((a) => a.id) };
  }

  it('makes the oldest remaining account the default when the default is removed', async () => {
    const { auth, ids } = await workspaceWith(3);
    await service.remove(auth, ids[0]!);
    expect(await defaultsOf(auth.workspaceId)).toEqual({ accounts: 2, defaults: [ids[1]] });
  });

  it('leaves one default, never none, when the default and the next in line are removed at once', async () => {
    const workspaces = await Promise.all(Array.from({ length: WORKSPACES }, () => workspaceWith(3)));
    await Promise.all(workspaces.flatMap(({ auth, ids }, i) => [service.remove(auth, ids[0]!), staggered(i, () => service.remove(auth, ids[1]!))]));
    for (const { auth, ids } of workspaces) expect(await defaultsOf(auth.workspaceId)).toEqual({ accounts: 1, defaults: [ids[2]] });
  });

  it('leaves exactly one default when the default is removed while another account is made the default', async () => {
    const workspaces = await Promise.all(Array.from({ length: WORKSPACES }, () => workspaceWith(3)));
    await Promise.all(workspaces.flatMap(({ auth, ids }, i) => [service.remove(auth, ids[0]!), staggered(i, () => service.setDefault(auth, ids[2]!))]));
    for (const { auth } of workspaces) expect(await defaultsOf(auth.workspaceId)).toMatchObject({ accounts: 2, defaults: [expect.any(String)] });
  });

  it('leaves no default and no account when every account is removed at once', async () => {
    const workspaces = await Promise.all(Array.from({ length: WORKSPACES }, () => workspaceWith(3)));
    await Promise.all(workspaces.flatMap(({ auth, ids }, i) => ids.map((id, k) => staggered(i + k, () => service.remove(auth, id)))));
    for (const { auth } of workspaces) expect(await defaultsOf(auth.workspaceId)).toEqual({ accounts: 0, defaults: [] });
  });
});
