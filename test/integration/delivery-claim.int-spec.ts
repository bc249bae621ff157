import { DELIVERY_IN_FLIGHT_MS, QuotaService } from '@threadline/core';
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

  it('keeps every booking at least its own drawn gap (never below the minimum) after the one before, under contention', async () => {
    const a = await member();
    // 12 sends of one member, each asking again at the instant it was told, from three processes.
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

  it('lets one send of the member be in flight at a time, and the next go only its gap after LinkedIn answered', async () => {
    const a = await member();
    const b = services[0]!.gapMs('second');
    expect(await services[0]!.claimDelivery(a, 'first', T0)).toMatchObject({ granted: true });
    // Typed for 2 s, then LinkedIn is called: in flight. Its retried attempt on another worker is granted again.
    expect(await services[1]!.claimSend(a, 'first', after(T0, 2_000))).toMatchObject({ granted: true });
    expect(await services[2]!.claimSend(a, 'first', after(T0, 3_000))).toMatchObject({ granted: true });
    // The next send books its turn a gap after the first one's booking, and types meanwhile...
    const booked = b;
    expect(await services[2]!.claimDelivery(a, 'second', after(T0, booked - 1))).toMatchObject({ granted: false, notBefore: after(T0, booked) });
    expect(await services[2]!.claimDelivery(a, 'second', after(T0, booked))).toMatchObject({ granted: true });
    // ...but may not call LinkedIn while the first is still in flight (a slow answer).
    expect(await services[2]!.claimSend(a, 'second', after(T0, booked + 2_000))).toMatchObject({ granted: false });
    const answered = booked + 3_000;
    await services[0]!.deliveryDone('first', after(T0, answered));
    expect(await services[2]!.claimSend(a, 'second', after(T0, answered + b - 1))).toMatchObject({ granted: false, notBefore: after(T0, answered + b) });
    expect(await services[2]!.claimSend(a, 'second', after(T0, answered + b))).toMatchObject({ granted: true });
    // `first` asking again while `second` is in flight must wait.
    expect(await services[1]!.claimSend(a, 'first', after(T0, answered + b + 1))).toMatchObject({ granted: false });
  });

  it('stops counting a send as in flight after the limit when its worker died without an answer', async () => {
    const a = await member();
    expect(await services[0]!.claimSend(a, 'orphan', T0)).toMatchObject({ granted: true });
    const next = services[0]!.gapMs('next');
    expect(await services[1]!.claimDelivery(a, 'next', after(T0, next))).toMatchObject({ granted: true });
    expect(await services[1]!.claimSend(a, 'next', after(T0, DELIVERY_IN_FLIGHT_MS - 1))).toMatchObject({ granted: false });
    expect(await services[1]!.claimSend(a, 'next', after(T0, DELIVERY_IN_FLIGHT_MS))).toMatchObject({ granted: true });
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
