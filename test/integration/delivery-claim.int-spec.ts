import { QuotaService } from '@threadline/core';
import { dataSourceOptions, type LinkedinAccountEntity, QuotaRepository } from '@threadline/db';
import { DataSource } from 'typeorm';
import { LEDGER_CONFIG, after, newAccount, newWorkspace } from './ledger-fixtures';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

const T0 = new Date('2026-03-03T12:00:00Z');
const MIN_GAP = LEDGER_CONFIG.SEND_SPACING_SECONDS * 1000;

describe('the delivery claim spaces a LinkedIn member\'s sends at the moment they go out', () => {
  let db: ScratchDatabase;
  /** Three processes (worker replicas, a restarted worker) with pools of their own on one database. */
  let services: QuotaService[];
  let pools: DataSource[];

  beforeAll(async () => {
    db = await createScratchDatabase();
    pools = await Promise.all([1, 2].map(() => new DataSource(dataSourceOptions(db.url)).initialize()));
    services = [db.dataSource, ...pools].map((ds) => new QuotaService(new QuotaRepository(ds), LEDGER_CONFIG));
  });
  afterAll(async () => {
    await Promise.all(pools?.map((p) => p.destroy()) ?? []);
    await db?.drop();
  });

  const member = async (): Promise<LinkedinAccountEntity> => newAccount(db.dataSource, await newWorkspace(db.dataSource));

  it('grants one of many sends claiming at the same instant from three processes, and tells the others when to come back', async () => {
    const a = await member();
    const ops = Array.from({ length: 30 }, (_, i) => `same-instant-${i}`);
    const claims = await Promise.all(ops.map((op, i) => services[i % 3]!.claimDelivery(a, op, T0)));
    expect(claims.filter((c) => c.granted)).toHaveLength(1);
    for (const c of claims) if (!c.granted) expect(c.notBefore.getTime()).toBeGreaterThanOrEqual(T0.getTime() + MIN_GAP);
  });

  it('keeps every granted delivery at least its own drawn gap (never below the minimum) after the one before, under contention', async () => {
    const a = await member();
    // 12 sends of one member, each retrying at the instant it was told, from three processes.
    const waiting = new Map(Array.from({ length: 12 }, (_, i) => [`contended-${i}`, T0] as [string, Date]));
    const granted: Array<{ op: string; at: Date }> = [];
    while (waiting.size > 0) {
      const round = [...waiting];
      const answers = await Promise.all(round.map(([op, at], i) => services[i % 3]!.claimDelivery(a, op, at)));
      answers.forEach((answer, i) => {
        const [op, at] = round[i]!;
        if (answer.granted) {
          granted.push({ op, at });
          waiting.delete(op);
        } else waiting.set(op, answer.notBefore);
      });
    }
    granted.sort((x, y) => x.at.getTime() - y.at.getTime());
    const gaps = granted.slice(1).map((g, i) => ({ gap: g.at.getTime() - granted[i]!.at.getTime(), drawn: services[0]!.gapMs(g.op) }));
    for (const { gap, drawn } of gaps) {
      expect(drawn).toBeGreaterThanOrEqual(MIN_GAP);
      expect(gap).toBeGreaterThanOrEqual(drawn);
    }
    // Not one fixed rhythm: the drawn gaps differ.
    expect(new Set(gaps.map((g) => g.drawn)).size).toBeGreaterThan(3);
  });

  it('grants a retried send of the operation that holds the last claim again, and spaces a retry that lost its turn', async () => {
    const a = await member();
    expect(await services[0]!.claimDelivery(a, 'first', T0)).toMatchObject({ granted: true });
    // The worker died after the claim; the retried attempt runs on another worker a little later: granted again.
    expect(await services[1]!.claimDelivery(a, 'first', after(T0, 5_000))).toMatchObject({ granted: true });
    // The gap of the next send counts from the retry, when the message really went out.
    const second = services[0]!.gapMs('second');
    expect(await services[2]!.claimDelivery(a, 'second', after(T0, second))).toMatchObject({ granted: false, notBefore: after(T0, 5_000 + second) });
    expect(await services[2]!.claimDelivery(a, 'second', after(T0, 5_000 + second))).toMatchObject({ granted: true });
    // `first` retried once more after `second` went out: it must wait its own gap after `second`.
    const again = await services[1]!.claimDelivery(a, 'first', after(T0, 5_001 + second));
    expect(again).toMatchObject({ granted: false, notBefore: after(T0, 5_000 + second + services[0]!.gapMs('first')) });
  });

  it('spaces one member through its accounts in two workspaces, and leaves other members alone', async () => {
    const a = await member();
    const sameMember = await newAccount(db.dataSource, await newWorkspace(db.dataSource), { profileUrn: a.profileUrn });
    const someoneElse = await member();
    expect(await services[0]!.claimDelivery(a, 'ws-a', T0)).toMatchObject({ granted: true });
    expect(await services[1]!.claimDelivery(sameMember, 'ws-b', after(T0, 1_000))).toMatchObject({ granted: false });
    expect(await services[2]!.claimDelivery(someoneElse, 'other-member', after(T0, 1_000))).toMatchObject({ granted: true });
  });
});
