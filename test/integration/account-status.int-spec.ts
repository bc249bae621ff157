import { randomUUID } from 'node:crypto';
import { AccountsRepository, LinkedinAccountEntity } from '@threadline/db';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

/** A session failure is about the session the call used: a reconnect since then keeps the account as it is. */
describe('account status after a failure of an older session', () => {
  let db: ScratchDatabase;
  let repo: AccountsRepository;

  beforeAll(async () => {
    db = await createScratchDatabase();
    repo = new AccountsRepository(db.dataSource.getRepository(LinkedinAccountEntity));
  });
  afterAll(() => db?.drop());

  async function account(): Promise<LinkedinAccountEntity> {
    const [{ id: workspaceId }] = await db.dataSource.query(`INSERT INTO workspaces (name) VALUES ('status') RETURNING id`);
    return repo.create({
      workspaceId, name: 'a', profileUrn: `urn:li:fsd_profile:${randomUUID()}`, publicIdentifier: null, status: 'active', statusReason: null,
      holdUntil: null, cookiesEncrypted: 'sealed', proxyEncrypted: null, userAgent: 'jest', baseUrl: null, hasSalesNavigator: false, dailyMessageCap: null, timeZone: 'UTC',
    });
  }
  const statusOf = async (a: LinkedinAccountEntity) => (await repo.findInWorkspace(a.workspaceId, a.id))!.status;

  it('marks the account disconnected while no session was confirmed since the reading, never checked included', async () => {
    const a = await account();
    expect(await repo.setStatus(a.workspaceId, a.id, 'disconnected', 'LinkedIn session expired', null, null)).toBe(true);
    expect(await statusOf(a)).toBe('disconnected');

    const checked = new Date('2026-12-01T08:00:00.000Z');
    const b = await account();
    await repo.updateSession(b.workspaceId, b.id, { statusCheckedAt: checked });
    expect(await repo.setStatus(b.workspaceId, b.id, 'disconnected', 'LinkedIn session expired', null, checked)).toBe(true);
    expect(await statusOf(b)).toBe('disconnected');
  });

  it('leaves the account active when a reconnect confirmed a session after the reading', async () => {
    const a = await account();
    const readBeforeTheCall = (await repo.findInWorkspace(a.workspaceId, a.id))!.statusCheckedAt;
    // The user pastes fresh cookies while the old session's call is out; LinkedIn confirms them.
    await repo.updateSession(a.workspaceId, a.id, { status: 'active', statusCheckedAt: new Date() });
    expect(await repo.setStatus(a.workspaceId, a.id, 'disconnected', 'LinkedIn session expired', null, readBeforeTheCall)).toBe(false);
    expect(await statusOf(a)).toBe('active');
    // Without the guard (a hold, a restriction) the write goes through as before.
    expect(await repo.setStatus(a.workspaceId, a.id, 'restricted', 'r', null)).toBe(true);
  });
});
