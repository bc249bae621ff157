import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Stack } from '../scripts/stack';

export const ALWAYS_OPEN = { timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' };
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A LinkedIn profile id of the emulator's shape, unique per prefix and index (for minted bench accounts and members). */
export function profileId(prefix: string, i: number): string {
  const tail = `${prefix}${i}`.padEnd(34, 'x').slice(0, 34);
  return 'ACoAA' + [...tail].map((c) => (ALPHABET.includes(c) ? c : 'x')).join('');
}

export const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36';

export async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Times `a` and `b` one after the other, `runs` times each after a few untimed warm-up rounds, so both see the
 * same machine at the same moment; the milliseconds of each, in order.
 */
export async function alternately(runs: number, a: (i: number) => Promise<unknown>, b: () => Promise<unknown>): Promise<[number[], number[]]> {
  const timesA: number[] = [];
  const timesB: number[] = [];
  const warmup = Math.min(5, runs);
  for (let i = 0; i < warmup + runs; i++) {
    let t = performance.now();
    await a(i);
    const aMs = performance.now() - t;
    t = performance.now();
    await b();
    const bMs = performance.now() - t;
    if (i >= warmup) {
      timesA.push(aMs);
      timesB.push(bMs);
    }
  }
  return [timesA, timesB];
}

/** A new workspace with the first `accounts` sandbox accounts of the emulator connected (the first is the default). */
export async function benchWorkspace(stack: Stack, name: string, accounts = 1): Promise<{ key: string; workspaceId: string; accounts: Array<{ id: string; profileId: string; profileUrn: string }> }> {
  const workspace = await json<{ workspace: { id: string }; apiKey: { key: string } }>(`${stack.apiUrl}/v1/admin/workspaces`, {
    method: 'POST', headers: { authorization: `Bearer ${stack.adminToken}` }, body: JSON.stringify({ name }),
  });
  const key = workspace.apiKey.key;
  const scenario = await json<{ accounts: Array<{ profileId: string; cookies: { li_at: string; JSESSIONID: string } }> }>(`${stack.emulatorUrl}/__emulator/scenario`);
  const connected: Array<{ id: string; profileId: string; profileUrn: string }> = [];
  for (const a of scenario.accounts.slice(0, accounts)) {
    const res = await json<{ account: { id: string; profileUrn: string } }>(`${stack.apiUrl}/v1/accounts`, {
      method: 'POST', headers: { authorization: `Bearer ${key}` },
      body: JSON.stringify({ liAt: a.cookies.li_at, jsessionId: a.cookies.JSESSIONID, userAgent: USER_AGENT }),
    });
    connected.push({ id: res.account.id, profileId: a.profileId, profileUrn: res.account.profileUrn });
  }
  return { key, workspaceId: workspace.workspace.id, accounts: connected };
}

/** What a workflow run cost the engine, from its history. */
export interface HistoryShape {
  events: number;
  workflowTasks: number;
  activities: number;
  localActivities: number;
  timers: number;
  signalsSent: number;
}

export async function historyShape(client: Client, workflowId: string): Promise<HistoryShape> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const count = (type: keyof typeof temporal.api.enums.v1.EventType) => events.filter((e) => e.eventType === temporal.api.enums.v1.EventType[type]).length;
  return {
    events: events.length,
    workflowTasks: count('EVENT_TYPE_WORKFLOW_TASK_COMPLETED'),
    activities: count('EVENT_TYPE_ACTIVITY_TASK_SCHEDULED'),
    localActivities: count('EVENT_TYPE_MARKER_RECORDED'),
    timers: count('EVENT_TYPE_TIMER_STARTED'),
    signalsSent: count('EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED'),
  };
}

export const describeShape = (s: HistoryShape) =>
  `${s.events} events: ${s.workflowTasks} workflow tasks, ${s.activities} activities, ${s.localActivities} local activities, ${s.timers} timers, ${s.signalsSent} signals sent`;

/** One row of the printed table (and of bench/results.json). */
export interface BenchFigure {
  what: string;
  threadline: string;
  baseline: string;
  ratio: string;
  goal: string;
  met: boolean | null;
  note?: string;
}

export function printTable(title: string, rows: BenchFigure[]): void {
  console.log(`\n${title}`);
  console.log('| what | Threadline | bare baseline | ratio | goal |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.what} | ${r.threadline} | ${r.baseline} | ${r.ratio} | ${r.goal}${r.met === true ? ' ✓' : r.met === false ? ' ✗' : ''} |`);
  for (const r of rows.filter((x) => x.note)) console.log(`  note (${r.what}): ${r.note}`);
}
