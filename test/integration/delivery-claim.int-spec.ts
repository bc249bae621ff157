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

  it('keeps every delivery at least its own drawn gap (never below the minimum) after the previous one was done, under contention', async () => {
    const a = await member();
    // 12 sends of one member from three processes, each retrying at the instant it was told; LinkedIn answers each 700 ms after its turn.
    const waiting = new Map(Array.from({ length: 12 }, (_, i) => [`contended-${i}`, T0] as [string, Date]));
    const sent: Array<{ op: string; at: Date; done: Date }> = [];
    while (waiting.size > 0) {
      const round = [...waiting].sort(([, x], [, y]) => x.getTime() - y.getTime());
      const at = round[0]![1];
      const answers = await Promise.all(round.filter(([, t]) => t.getTime() === at.getTime()).map(([op], i) => services[i % 3]!.claimDelivery(a, op, at).then((answer) => ({ op, answer }))));
      for (const { op, answer } of answers) {
        if (!answer.granted) {
          waiting.set(op, answer.notBefore);
          continue;
        }
        const done = after(at, 700);
        await services[1]!.deliveryDone(op, done);
        sent.push({ op, at, done });
        waiting.delete(op);
      }
    }
    const gaps = sent.slice(1).map((s, i) => ({ gap: s.at.getTime() - sent[i]!.done.getTime(), drawn: services[0]!.gapMs(s.op) }));
    for (const { gap, drawn } of gaps) {
      expect(drawn).toBeGreaterThanOrEqual(MIN_GAP);
      expect(gap).toBeGreaterThanOrEqual(drawn);
    }
    // Not one fixed rhythm: the drawn gaps differ.
    expect(new Set(gaps.map((g) => g.drawn)).size).toBeGreaterThan(3);
  });

  it('grants the holder its turn again (typing, then the send, then a retry), and the next send only a gap after it was done', async () => {
    const a = await member();
    expect(await services[0]!.claimDelivery(a, 'first', T0)).toMatchObject({ granted: true });
    // Typed 5 s, then claims again right before LinkedIn; the worker died and the retried attempt runs elsewhere: granted each time.
    expect(await services[1]!.claimDelivery(a, 'first', after(T0, 5_000))).toMatchObject({ granted: true });
    expect(await services[2]!.claimDelivery(a, 'first', after(T0, 9_000))).toMatchObject({ granted: true });
    const second = services[0]!.gapMs('second');
    // While `first` is in flight, `second` is told to ask again a gap later.
    expect(await services[2]!.claimDelivery(a, 'second', after(T0, 9_500))).toMatchObject({ granted: false, notBefore: after(T0, 9_500 + second) });
    await services[0]!.deliveryDone('first', after(T0, 12_000));
    expect(await services[2]!.claimDelivery(a, 'second', after(T0, 12_000 + second - 1))).toMatchObject({ granted: false, notBefore: after(T0, 12_000 + second) });
    expect(await services[2]!.claimDelivery(a, 'second', after(T0, 12_000 + second))).toMatchObject({ granted: true });
    // `first` retried once more after `second` took the turn: it waits for `second`.
    expect(await services[1]!.claimDelivery(a, 'first', after(T0, 12_001 + second))).toMatchObject({ granted: false });
  });

  it('ends the turn of a step that ended without a send, and of a send whose worker died after an in-flight limit', async () => {
    const a = await member();
    expect(await services[0]!.claimDelivery(a, 'replied-while-typing', T0)).toMatchObject({ granted: true });
    await services[0]!.release(a.workspaceId, 'replied-while-typing', after(T0, 3_000));
    const next = services[0]!.gapMs('next');
    expect(await services[1]!.claimDelivery(a, 'next', after(T0, 3_000 + next))).toMatchObject({ granted: true });
    // `next` never reports back (its worker died): the turn frees up DELIVERY_IN_FLIGHT_MS after its claim, plus the gap.
    const later = services[0]!.gapMs('later');
    const freed = 3_000 + next + DELIVERY_IN_FLIGHT_MS + later;
    expect(await services[2]!.claimDelivery(a, 'later', after(T0, freed - 1))).toMatchObject({ granted: false });
    expect(await services[2]!.claimDelivery(a, 'later', after(T0, freed))).toMatchObject({ granted: true });
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
