import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { Stack } from '../scripts/stack';
import { ALWAYS_OPEN, type BenchFigure, benchWorkspace, json, printTable } from './bench-support';

const GOAL_MB = 500;
const GOAL_LEADS = 100_000;
const MB = 1024 ** 2;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The worker's memory, from its Prometheus endpoint: resident, and the V8 heap in use on its main thread. */
export async function workerMemory(stack: Stack): Promise<{ rss: number; heapUsed: number }> {
  if (!stack.workerMetricsUrl) throw new Error('the stack runs the worker without its metrics endpoint');
  const text = await (await fetch(`${stack.workerMetricsUrl}/metrics`)).text();
  const metric = (name: string) => {
    const value = new RegExp(`^threadline_${name} (\\S+)$`, 'm').exec(text)?.[1];
    if (value === undefined) throw new Error(`the worker's /metrics has no threadline_${name}`);
    return Number(value);
  };
  return { rss: metric('process_resident_memory_bytes'), heapUsed: metric('nodejs_heap_size_used_bytes') };
}

/** How many workflow runs the worker caches, from its boot line ("caches N workflow runs"), or null. */
function cachedRuns(stack: Stack): number | null {
  const logFile = stack.processes.worker.options.logFile;
  if (!logFile) return null;
  const found = /caches (\d+) workflow runs/.exec(readFileSync(logFile, 'utf8'))?.[1];
  return found === undefined ? null : Number(found);
}

interface Reading { asleep: number; rss: number; heapUsed: number }

/**
 * Worker memory with many leads asleep on a timer: a campaign whose first step waits an hour gets the
 * leads in one request, and the worker's RSS is read as the runs go to sleep and once they all sleep.
 */
export async function workerRssBench(stack: Stack, leads: number, timeoutSeconds: number): Promise<BenchFigure[]> {
  // The second sandbox account: the runs timed later send as the first.
  const { key, accounts: [, account] } = await benchWorkspace(stack, 'bench rss', 2);
  const api = <T>(method: string, path: string, body?: unknown) =>
    json<T>(`${stack.apiUrl}${path}`, { method, headers: { authorization: `Bearer ${key}` }, body: body === undefined ? undefined : JSON.stringify(body) });
  const sequence = await api<{ sequence: { id: string } }>('POST', '/v1/sequences', { name: 'rss bench', steps: [{ id: 'later', type: 'wait', duration: '1h' }, { id: 'hi', type: 'typing_and_send', template: 'Hi.' }] });
  await api('POST', `/v1/sequences/${sequence.sequence.id}/publish`);
  const campaignId = (await api<{ campaign: { id: string } }>('POST', '/v1/campaigns', {
    name: 'rss bench', sequenceId: sequence.sequence.id, senders: [{ accountId: account!.id }], workingHours: ALWAYS_OPEN,
  })).campaign.id;
  // Profile URNs need no lookup on LinkedIn: the runs go straight to sleep. At most 10,000 leads a request (the API's limit).
  let added = 0;
  for (let from = 0; from < leads; from += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, leads - from) }, () => ({ profile: `urn:li:fsd_profile:ACoAA${[...randomBytes(34)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}` }));
    added += (await api<{ added: number }>('POST', `/v1/campaigns/${campaignId}/leads`, { leads: batch })).added;
  }
  if (added !== leads) throw new Error(`rss: ${added} of ${leads} leads added`);

  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    // A run sleeps once it has put its wait on the lead's timeline (a local activity right before the timer); the
    // lead turns active earlier, at enrolment, while its first workflow task may still wait in the queue.
    const asleep = async () => (await db.query(`SELECT count(DISTINCT lead_id)::int AS n FROM lead_events WHERE campaign_id = $1 AND type = 'waited'`, [campaignId])).rows[0].n as number;
    const before = await workerMemory(stack);
    console.warn(`[bench] worker RSS: ${leads.toLocaleString('en')} leads asleep on a one-hour timer (worker at ${(before.rss / MB).toFixed(0)} MB before)`);
    const t = performance.now();
    await api('POST', `/v1/campaigns/${campaignId}/start`);
    const readings: Reading[] = [];
    for (let nextLog = leads / 4; ;) {
      const reading = { asleep: await asleep(), ...(await workerMemory(stack)) };
      readings.push(reading);
      if (reading.asleep >= nextLog) {
        console.warn(`[bench]   ${reading.asleep.toLocaleString('en')}/${leads.toLocaleString('en')} asleep after ${((performance.now() - t) / 1000).toFixed(0)} s, worker RSS ${(reading.rss / MB).toFixed(0)} MB (V8 heap in use ${(reading.heapUsed / MB).toFixed(0)} MB)`);
        while (nextLog <= reading.asleep) nextLog += leads / 4;
      }
      if (reading.asleep >= leads) break;
      if (performance.now() - t > timeoutSeconds * 1000) throw new Error(`rss: ${reading.asleep}/${leads} leads asleep after ${timeoutSeconds} s`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const enrolSeconds = (performance.now() - t) / 1000;
    await new Promise((r) => setTimeout(r, 5000));
    const settled = { asleep: leads, ...(await workerMemory(stack)) };
    readings.push(settled);
    return [figureOf(leads, before, readings, settled, enrolSeconds, cachedRuns(stack))];
  } finally {
    await db.end();
  }
}

function figureOf(leads: number, before: { rss: number }, readings: Reading[], settled: Reading, enrolSeconds: number, cache: number | null): BenchFigure {
  const peak = Math.max(...readings.map((r) => r.rss));
  const met = peak < GOAL_MB * MB;
  const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
  const quarter = (q: number) => readings.find((r) => r.asleep >= (leads * q) / 4)!;
  const samples = [1, 2, 3, 4].map((q) => quarter(q)).map((r) => `${r.asleep.toLocaleString('en')} asleep: ${mb(r.rss)} (V8 heap in use ${mb(r.heapUsed)})`);
  // Growth per sleeping lead while the cache fills, and after it is full (where a bounded cache should stop it).
  const full = cache === null ? undefined : readings.find((r) => r.asleep >= cache);
  const slope = (a: Reading, b: Reading) => (b.rss - a.rss) / Math.max(1, b.asleep - a.asleep) / 1024;
  const filling = full ? slope({ asleep: 0, rss: before.rss, heapUsed: 0 }, full) : null;
  const past = full && settled.asleep > full.asleep ? slope(full, settled) : null;
  const growth = [
    cache === null ? 'the worker\'s cache size was not in its log' : `the worker caches ${cache.toLocaleString('en')} runs (its boot line)`,
    filling === null ? null : `RSS grew ${filling.toFixed(0)} KiB a lead while the cache filled`,
    past === null ? null : `${past.toFixed(0)} KiB a lead past it`,
  ].filter(Boolean).join(', ');
  const projected = past === null ? null : settled.rss + ((GOAL_LEADS - leads) * past * 1024);
  return {
    what: `worker RSS, ${leads.toLocaleString('en')} leads asleep on a timer`,
    threadline: `${mb(settled.rss)} (peak ${mb(peak)})`,
    baseline: `the worker before: ${mb(before.rss)}`,
    ratio: '—',
    goal: `< ${GOAL_MB} MB (the issue's goal is at ${GOAL_LEADS.toLocaleString('en')})`,
    met,
    note: `${samples.join('; ')}; all asleep ${enrolSeconds.toFixed(0)} s after the start (${(leads / enrolSeconds).toFixed(0)} leads/s); ${growth}.`
      + (projected === null ? '' : ` At that rate ${GOAL_LEADS.toLocaleString('en')} sleeping leads would hold about ${mb(projected)} (not run: enrolling them takes about ${Math.round(GOAL_LEADS / (leads / enrolSeconds) / 60)} minutes here).`)
      + (met ? '' : ` Cached runs live in the SDK's workflow thread and Temporal's native core, which the main thread's heap figure leaves out; past the cache a sleeping run costs nothing measurable (forced-GC probes, issue 19). What would close it: a smaller cache (WORKER_MAX_CACHED_WORKFLOWS; apps/worker/src/worker-sizing.ts assumes 320 KiB a run), or less native memory per cached run.`),
  };
}

/** Prints the figure too. */
export async function workerRssRun(stack: Stack, leads: number, timeoutSeconds: number): Promise<BenchFigure[]> {
  const figures = await workerRssBench(stack, leads, timeoutSeconds);
  printTable('worker memory', figures);
  return figures;
}
