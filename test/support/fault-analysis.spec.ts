import { analyseRun, faultTable, type LeadRecord, type ReplyRecord, type RunRules, type SendRecord } from './fault-analysis';

const T0 = Date.UTC(2026, 2, 4, 10, 0, 0); // a Wednesday
const S = 1000;
const rules: RunRules = { steps: ['s1', 's2'], dailyCap: 10, weeklyCap: 20, spacingMs: 1000, spacingToleranceMs: 20, finishedStates: ['completed', 'replied'] };

let token = 0;
const send = (account: string, recipient: string, step: string | null, at: number, originToken = `t${++token}`): SendRecord => ({ account, recipient, step, originToken, at });

/** Two accounts, three leads: ann and bob get both steps, cid replies after step 1. */
function cleanRun(): { sends: SendRecord[]; replies: ReplyRecord[]; leads: LeadRecord[] } {
  return {
    sends: [
      send('A', 'ann', 's1', T0),
      send('A', 'cid', 's1', T0 + 2 * S),
      send('B', 'bob', 's1', T0 + 500),
      send('A', 'ann', 's2', T0 + 10 * S),
      send('B', 'bob', 's2', T0 + 10 * S),
    ],
    replies: [{ account: 'A', member: 'cid', at: T0 + 5 * S }],
    leads: [
      { account: 'A', member: 'ann', state: 'completed' },
      { account: 'B', member: 'bob', state: 'completed' },
      { account: 'A', member: 'cid', state: 'replied' },
    ],
  };
}

describe('analyseRun: the fault table counted from the emulator received log', () => {
  it('counts nothing on a clean run, and reports the shortest gap per account', () => {
    const result = analyseRun({ ...cleanRun(), rules });
    expect(result.counts).toEqual({ duplicateSends: 0, duplicateOriginTokens: 0, lostSteps: 0, sendsAfterReply: 0, dailyCapExcess: 0, weeklyCapExcess: 0, spacingViolations: 0, unfinishedLeads: 0, quotaMismatches: 0 });
    expect(result.minGapMs).toEqual({ A: 2 * S, B: 9500 });
  });

  it('counts the same lead and step sent twice, with a new token each time', () => {
    const run = cleanRun();
    run.sends.push(send('A', 'ann', 's2', T0 + 20 * S));
    const result = analyseRun({ ...run, rules });
    expect(result.counts).toMatchObject({ duplicateSends: 1, duplicateOriginTokens: 0 });
    expect(result.examples.duplicateSends[0]).toContain('A|ann|s2 sent 2 times');
  });

  it('counts one originToken sent twice, even when the texts would not tell', () => {
    const run = cleanRun();
    run.sends.push(send('A', 'ann', null, T0 + 20 * S, run.sends[0]!.originToken!));
    expect(analyseRun({ ...run, rules }).counts).toMatchObject({ duplicateSends: 0, duplicateOriginTokens: 1 });
  });

  it('counts every step a lead without a reply never got, and a gap before a step that was sent', () => {
    const run = cleanRun();
    run.sends = run.sends.filter((s) => !(s.recipient === 'bob' && s.step === 's2'));
    run.leads.push({ account: 'B', member: 'dee', state: 'completed' });
    run.sends.push(send('A', 'cid', 'skip', T0 + 3 * S)); // a step the rules do not know is ignored
    expect(analyseRun({ ...run, rules }).counts.lostSteps).toBe(3);
    const gap = cleanRun();
    gap.sends = gap.sends.filter((s) => !(s.recipient === 'ann' && s.step === 's1'));
    gap.replies.push({ account: 'A', member: 'ann', at: T0 + 30 * S });
    const result = analyseRun({ ...gap, rules });
    expect(result.counts.lostSteps).toBe(1);
    expect(result.examples.lostSteps[0]).toContain('never got s1');
  });

  it('does not count the steps a reply made unnecessary', () => {
    const run = cleanRun();
    run.replies.push({ account: 'B', member: 'bob', at: T0 + 1 * S });
    run.sends = run.sends.filter((s) => !(s.recipient === 'bob' && s.step === 's2'));
    expect(analyseRun({ ...run, rules }).counts.lostSteps).toBe(0);
  });

  it('counts a send after the lead replied to that account, by emulator time, from the first reply on', () => {
    const run = cleanRun();
    run.sends.push(send('A', 'cid', 's2', T0 + 5 * S + 1));
    run.replies.push({ account: 'A', member: 'cid', at: T0 + 6 * S });
    run.replies.push({ account: 'B', member: 'ann', at: T0 }); // a reply to another account does not count for A
    const result = analyseRun({ ...run, rules });
    expect(result.counts.sendsAfterReply).toBe(1);
    expect(result.examples.sendsAfterReply[0]).toContain('1 ms after the reply');
  });

  it('counts sends past the daily cap per UTC day, and past the weekly cap per week from Monday', () => {
    const daily = cleanRun();
    for (let i = 0; i < 10; i++) daily.sends.push(send('B', `p${i}`, null, T0 + (20 + 2 * i) * S));
    expect(analyseRun({ ...daily, rules }).counts).toMatchObject({ dailyCapExcess: 2, weeklyCapExcess: 0 });

    const weekly = cleanRun();
    // 8 on each of Monday, Tuesday, Wednesday (T0): 24 in the week, 4 past the weekly cap of 20; none past the daily cap.
    for (const day of [-2, -1]) for (let i = 0; i < 8; i++) weekly.sends.push(send('A', `q${day}${i}`, null, T0 + day * 86_400_000 + i * 2 * S));
    for (let i = 0; i < 5; i++) weekly.sends.push(send('A', `r${i}`, null, T0 + (30 + 2 * i) * S));
    // The Sunday before is another week.
    for (let i = 0; i < 9; i++) weekly.sends.push(send('A', `s${i}`, null, T0 - 3 * 86_400_000 + i * 2 * S));
    expect(analyseRun({ ...weekly, rules }).counts).toMatchObject({ dailyCapExcess: 0, weeklyCapExcess: 4 });
  });

  it('counts gaps shorter than the spacing, within the tolerance for timing noise', () => {
    const run = cleanRun();
    run.sends.push(send('B', 'x', null, T0 + 10 * S + 981), send('B', 'y', null, T0 + 10 * S + 981 + 979));
    const result = analyseRun({ ...run, rules });
    expect(result.counts.spacingViolations).toBe(1);
    expect(result.minGapMs.B).toBe(979);
    expect(result.examples.spacingViolations[0]).toContain('979 ms between x');
  });

  it('counts leads that are not in a finished state', () => {
    const run = cleanRun();
    run.leads[0]!.state = 'active';
    run.leads[1]!.state = 'failed';
    expect(analyseRun({ ...run, rules }).counts.unfinishedLeads).toBe(2);
  });

  it('counts accounts whose ledger used differs from what LinkedIn received that day', () => {
    const run = cleanRun();
    const now = T0 + 60 * S;
    expect(analyseRun({ ...run, rules, now, quotaUsed: { A: 3, B: 2 } }).counts.quotaMismatches).toBe(0);
    const phantom = analyseRun({ ...run, rules, now, quotaUsed: { A: 4, B: 2 } });
    expect(phantom.counts.quotaMismatches).toBe(1);
    expect(phantom.examples.quotaMismatches).toEqual(['A: ledger used 4, LinkedIn received 3 today']);
  });

  it('prints every count and every injected fault kind in the table, with examples', () => {
    const run = cleanRun();
    run.sends.push(send('A', 'ann', 's2', T0 + 20 * S));
    const table = faultTable(analyseRun({ ...run, rules }), { '429': 3, 'worker SIGKILL': 2 }, 'seed 7');
    expect(table).toMatch(/^seed 7\n/);
    expect(table).toMatch(/\| duplicate sends \(same lead and step twice\) +\| +1 \|/);
    expect(table).toMatch(/\| leads that never finished +\| +0 \|/);
    expect(table).toMatch(/\| worker SIGKILL +\| +2 \|/);
    expect(table).toContain('duplicateSends: A|ann|s2 sent 2 times');
  });
});
