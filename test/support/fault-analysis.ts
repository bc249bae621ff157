/**
 * Counts what a campaign under faults must never do, from the emulator's own record of what LinkedIn
 * received (pure: the fault spec feeds it the received log, the leads' replies and the leads' states).
 */

/** One message LinkedIn accepted from an account (the emulator's received log), tagged with its sequence step. */
export interface SendRecord {
  account: string;
  recipient: string;
  /** The sequence step the text belongs to, or null for a send that is not a step (an API send). */
  step: string | null;
  originToken: string | null;
  /** Emulator receipt time, epoch ms. */
  at: number;
}

/** A message a person wrote to an account (the first one of a lead is its reply). */
export interface ReplyRecord {
  account: string;
  member: string;
  at: number;
}

export interface LeadRecord {
  /** The sender account's LinkedIn profile id and the lead's, as the emulator names them. */
  account: string;
  member: string;
  state: string;
}

export interface RunRules {
  /** Step ids in order: a lead that never replied must get every one, once. */
  steps: string[];
  dailyCap: number;
  weeklyCap: number;
  /** SEND_SPACING_SECONDS in ms, and how much shorter a gap may be for the emulator's own timing noise. */
  spacingMs: number;
  spacingToleranceMs: number;
  /** Lead states that count as finished. */
  finishedStates: string[];
}

export interface FaultCounts {
  duplicateSends: number;
  duplicateOriginTokens: number;
  lostSteps: number;
  sendsAfterReply: number;
  dailyCapExcess: number;
  weeklyCapExcess: number;
  spacingViolations: number;
  unfinishedLeads: number;
  quotaMismatches: number;
}

export const COUNT_LABELS: Record<keyof FaultCounts, string> = {
  duplicateSends: 'duplicate sends (same lead and step twice)',
  duplicateOriginTokens: 'duplicate sends (same originToken twice)',
  lostSteps: 'lost steps',
  sendsAfterReply: 'sends after a reply',
  dailyCapExcess: 'cap: sends past the daily cap',
  weeklyCapExcess: 'cap: sends past the weekly cap',
  spacingViolations: 'cap: gaps shorter than SEND_SPACING_SECONDS',
  unfinishedLeads: 'leads that never finished',
  quotaMismatches: 'accounts whose quota used ≠ messages LinkedIn received',
};

export interface RunAnalysis {
  counts: FaultCounts;
  /** A few concrete cases per count, to start the investigation from. */
  examples: Record<keyof FaultCounts, string[]>;
  /** Shortest gap between two sends, per account (ms). */
  minGapMs: Record<string, number>;
}

const EXAMPLES = 5;
const DAY_MS = 86_400_000;

const pairKey = (account: string, member: string) => `${account}|${member}`;

/** 00:00 UTC of the day, and of the Monday of the week, of an instant (the ledger's windows). */
function utcDay(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS;
}
function utcWeek(at: number): number {
  const day = utcDay(at);
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  return day - weekday * DAY_MS;
}

function tally<T>(items: T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/**
 * `quotaUsed`: per sender account, the ledger's `used` for messages today (GET /v1/accounts/{id}/limits) once
 * every lead settled; it must equal what LinkedIn received from that account today.
 */
export function analyseRun(input: { sends: SendRecord[]; replies: ReplyRecord[]; leads: LeadRecord[]; rules: RunRules; quotaUsed?: Record<string, number>; now?: number }): RunAnalysis {
  const { sends, replies, leads, rules } = input;
  const counts: FaultCounts = { duplicateSends: 0, duplicateOriginTokens: 0, lostSteps: 0, sendsAfterReply: 0, dailyCapExcess: 0, weeklyCapExcess: 0, spacingViolations: 0, unfinishedLeads: 0, quotaMismatches: 0 };
  const examples = Object.fromEntries(Object.keys(counts).map((k) => [k, [] as string[]])) as RunAnalysis['examples'];
  const note = (kind: keyof FaultCounts, n: number, example: string) => {
    counts[kind] += n;
    if (examples[kind].length < EXAMPLES) examples[kind].push(example);
  };
  const iso = (at: number) => new Date(at).toISOString();

  for (const [key, group] of tally(sends, (s) => (s.step === null ? null : `${pairKey(s.account, s.recipient)}|${s.step}`))) {
    if (group.length > 1) note('duplicateSends', group.length - 1, `${key} sent ${group.length} times at ${group.map((s) => iso(s.at)).join(', ')}`);
  }
  for (const [token, group] of tally(sends, (s) => s.originToken)) {
    if (group.length > 1) note('duplicateOriginTokens', group.length - 1, `originToken ${token} sent ${group.length} times to ${group[0]!.recipient}`);
  }

  // A person's first message to the account is the reply; anything the account sends after it is a violation.
  const firstReply = new Map<string, number>();
  for (const r of replies) {
    const k = pairKey(r.account, r.member);
    firstReply.set(k, Math.min(firstReply.get(k) ?? Infinity, r.at));
  }
  for (const s of sends) {
    const repliedAt = firstReply.get(pairKey(s.account, s.recipient));
    if (repliedAt !== undefined && s.at > repliedAt) note('sendsAfterReply', 1, `${s.account} -> ${s.recipient} step ${s.step ?? '-'} at ${iso(s.at)}, ${s.at - repliedAt} ms after the reply`);
  }

  // Without a reply every step is due; with one, the steps sent must still be a prefix of the sequence.
  const sendsByPair = tally(sends, (s) => pairKey(s.account, s.recipient));
  for (const lead of leads) {
    const k = pairKey(lead.account, lead.member);
    const sent = new Set((sendsByPair.get(k) ?? []).map((s) => s.step));
    const lastSent = rules.steps.reduce((last, step, i) => (sent.has(step) ? i : last), -1);
    const due = firstReply.has(k) ? rules.steps.slice(0, lastSent + 1) : rules.steps;
    const missing = due.filter((step) => !sent.has(step));
    if (missing.length) note('lostSteps', missing.length, `${k} (${lead.state}${firstReply.has(k) ? ', replied' : ''}) never got ${missing.join(', ')}`);
    if (!rules.finishedStates.includes(lead.state)) note('unfinishedLeads', 1, `${k} is ${lead.state}`);
  }

  const minGapMs: Record<string, number> = {};
  for (const [account, group] of tally(sends, (s) => s.account)) {
    const ordered = [...group].sort((a, b) => a.at - b.at);
    for (const [windowOf, cap, kind] of [[utcDay, rules.dailyCap, 'dailyCapExcess'], [utcWeek, rules.weeklyCap, 'weeklyCapExcess']] as const) {
      for (const [start, inWindow] of tally(ordered, (s) => String(windowOf(s.at)))) {
        if (inWindow.length > cap) note(kind, inWindow.length - cap, `${account}: ${inWindow.length} sends in the window from ${iso(Number(start))} (cap ${cap})`);
      }
    }
    for (let i = 1; i < ordered.length; i++) {
      const gap = ordered[i]!.at - ordered[i - 1]!.at;
      minGapMs[account] = Math.min(minGapMs[account] ?? Infinity, gap);
      if (gap < rules.spacingMs - rules.spacingToleranceMs) {
        note('spacingViolations', 1, `${account}: ${gap} ms between ${ordered[i - 1]!.recipient} (${ordered[i - 1]!.step ?? '-'}) and ${ordered[i]!.recipient} (${ordered[i]!.step ?? '-'}) at ${iso(ordered[i]!.at)}`);
      }
    }
  }
  const today = utcDay(input.now ?? Date.now());
  for (const [account, used] of Object.entries(input.quotaUsed ?? {})) {
    const receivedToday = sends.filter((s) => s.account === account && utcDay(s.at) === today).length;
    if (used !== receivedToday) note('quotaMismatches', 1, `${account}: ledger used ${used}, LinkedIn received ${receivedToday} today`);
  }
  return { counts, examples, minGapMs };
}

/** The table a fault run prints: what must be 0, then what was injected, with what reproduces the run. */
export function faultTable(analysis: RunAnalysis, injected: Record<string, number>, header: string): string {
  const width = Math.max(...Object.values(COUNT_LABELS).map((l) => l.length), ...Object.keys(injected).map((k) => k.length + 2));
  const row = (label: string, value: number | string) => `| ${label.padEnd(width)} | ${String(value).padStart(6)} |`;
  const rule = `|${'-'.repeat(width + 2)}|${'-'.repeat(8)}|`;
  const lines = [header, '', row('must be 0', 'count'), rule];
  for (const [key, label] of Object.entries(COUNT_LABELS)) lines.push(row(label, analysis.counts[key as keyof FaultCounts]));
  lines.push('', row('faults injected', 'count'), rule);
  for (const [kind, n] of Object.entries(injected)) lines.push(row(kind, n));
  const examples = Object.entries(analysis.examples).filter(([, list]) => list.length);
  if (examples.length) {
    lines.push('', 'examples:');
    for (const [key, list] of examples) for (const e of list) lines.push(`  ${key}: ${e}`);
  }
  return lines.join('\n');
}
