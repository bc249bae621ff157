import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startStack, type Stack } from '../scripts/stack';
import { startBareEngine } from './bare-engine';
import { type BenchFigure, benchWorkspace, printTable } from './bench-support';
import { capsBench, capsFigures } from './caps.bench';
import { fairnessBench } from './fairness.bench';
import { inboxBench } from './inbox.bench';
import { invitationCapsBench, printInvitationCaps } from './invitation-caps.bench';
import { leadImportBench } from './lead-import.bench';
import { sendLatencyBench } from './send-latency.bench';
import { sendPacingBench } from './send-pacing.bench';
import { stepsBench } from './steps.bench';
import { workerRssRun } from './worker-rss.bench';

/** Benchmarks to run: BENCH_ONLY=inbox,import (comma-separated) picks some; unset runs all. */
const RUNS = ['inbox', 'rss', 'import', 'send', 'fairness', 'steps', 'send-pacing', 'caps', 'invitation-caps'] as const;
type Run = (typeof RUNS)[number];
/** Runs on a stack without spacing or typing (the engine side by side with the bare engine) and on one that paces sends. */
const UNPACED: readonly Run[] = ['inbox', 'rss', 'import', 'send', 'fairness', 'steps'];
const PACED: readonly Run[] = ['send-pacing', 'caps', 'invitation-caps'];

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
/** Temporal keeps its state in SQLite, as a dev server someone runs would (BENCH_PERSIST_TEMPORAL=false: in memory). */
const PERSIST_TEMPORAL = process.env.BENCH_PERSIST_TEMPORAL !== 'false';

/** `npm run bench`: boots a private stack per group of runs, runs each benchmark, prints figures and ratios, and writes bench/results.json. */
async function main(): Promise<void> {
  const rootDir = resolve(__dirname, '../..');
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((r) => !(RUNS as readonly string[]).includes(r)) ?? [];
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown run ${unknown.join(', ')} (runs: ${RUNS.join(', ')})`);
  const runs = RUNS.filter((r) => !only || only.includes(r));
  const spacingSeconds = env('BENCH_SPACING_SECONDS', 2);
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}`;
  // Other work on the machine moves every figure: the load is printed and recorded with them.
  const loadAtStart = loadavg()[0]!.toFixed(1);
  console.warn(`[bench] ${machine}; load average ${loadAtStart}; runs: ${runs.join(', ')}`);
  const weeklyInvitationCap = env('BENCH_INVITATION_WEEKLY_CAP', 4);
  const results: Record<string, BenchFigure[]> = {};
  const started = Date.now();

  if (runs.some((r) => UNPACED.includes(r))) {
    // Spacing at its floor and no typing: what is left of a send is the engine and Threadline's own work.
    await withStack(rootDir, 'no spacing, no typing', {
      SEND_SPACING_SECONDS: '0.01', TYPING_MS_PER_CHAR: '0', DAILY_MESSAGE_CAP: '1000', WEEKLY_MESSAGE_CAP: '5000',
    }, async (stack) => {
      // Leads enrolling to sleep use the machine as the inbox seed does (Postgres), so the two share that time;
      // everything timed waits for the last lead to sleep. The sleeping runs stay for the later runs, as in production.
      const rss = runs.includes('rss') ? rssRun(stack) : undefined;
      rss?.catch(() => undefined);
      let inboxWorkspace: { key: string; accountId: string; note: string } | undefined;
      if (runs.includes('inbox')) {
        const conversations = env('BENCH_CONVERSATIONS', 100_000);
        const messagesPerConversation = env('BENCH_MESSAGES_PER_CONVERSATION', 10);
        const inbox = await inboxBench(stack, { conversations, messagesPerConversation, requests: env('BENCH_INBOX_REQUESTS', 1000), beforeReads: () => rss ?? Promise.resolve() });
        results.inbox = inbox.figures;
        inboxWorkspace = { key: inbox.key, accountId: inbox.accountId, note: `sender with ${(conversations * messagesPerConversation).toLocaleString('en')} messages` };
      }
      if (rss) results.rss = await rss;
      if (runs.includes('import')) {
        const ws = inboxWorkspace ?? await importWorkspace(stack);
        results.import = await leadImportBench(stack, ws, env('BENCH_LEADS', 10_000));
      }
      if (!runs.some((r) => r === 'send' || r === 'fairness' || r === 'steps')) return;
      const bare = await startBareEngine(stack);
      try {
        if (runs.includes('send')) results.send = await sendLatencyBench(stack, bare, env('BENCH_SENDS', 50));
        if (runs.includes('fairness')) results.fairness = await fairnessBench(rootDir, stack, bare, env('BENCH_FAIRNESS_WORKFLOWS', 50), PERSIST_TEMPORAL);
        // It replaces the emulator's scenario with minted accounts and members: after the runs on the sandbox accounts.
        if (runs.includes('steps')) results.steps = await stepsBench(stack, bare, { accounts: env('BENCH_STEPS_ACCOUNTS', 20), leadsPerAccount: env('BENCH_STEPS_LEADS', 10), timeoutSeconds: env('BENCH_STEPS_TIMEOUT_SECONDS', 300) });
      } finally {
        await bare.close();
      }
    });
  }

  if (runs.some((r) => PACED.includes(r))) {
    await withStack(rootDir, `per-account spacing ${spacingSeconds}s`, {
      SEND_SPACING_SECONDS: String(spacingSeconds), WEEKLY_INVITATION_CAP: String(weeklyInvitationCap),
    }, async (stack) => {
      if (runs.includes('send-pacing')) await sendPacingBench(stack, { spacingSeconds, messagesPerAccount: env('BENCH_MESSAGES', 6) });
      if (runs.includes('caps')) {
        // It and invitation-caps replace the emulator's scenario with their own accounts and members: they run last.
        const caps = {
          accounts: env('BENCH_CAPS_ACCOUNTS', 200), cap: env('BENCH_CAPS_CAP', 3), leadsPerAccount: env('BENCH_CAPS_LEADS', 5),
          spacingSeconds, holdSeconds: env('BENCH_CAPS_HOLD_SECONDS', 20), timeoutSeconds: env('BENCH_CAPS_TIMEOUT_SECONDS', 480),
        };
        results.caps = capsFigures(await capsBench(stack, caps), caps);
        printTable('caps', results.caps);
      }
      if (runs.includes('invitation-caps')) {
        const invitations = { accounts: env('BENCH_INVITATION_ACCOUNTS', 40), weeklyCap: weeklyInvitationCap, leadsPerAccount: env('BENCH_INVITATION_LEADS', 6), timeoutSeconds: env('BENCH_INVITATION_TIMEOUT_SECONDS', 300) };
        printInvitationCaps(await invitationCapsBench(stack, invitations), invitations);
      }
    });
  }

  const seconds = Math.round((Date.now() - started) / 1000);
  const all = Object.entries(results).flatMap(([, figures]) => figures);
  if (all.length) printTable(`all figures (${machine}; load average ${loadAtStart} → ${loadavg()[0]!.toFixed(1)}; ${seconds} s)`, all);
  const out = join(rootDir, 'bench', 'results.json');
  writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), machine, loadAverage: { start: Number(loadAtStart), end: Number(loadavg()[0]!.toFixed(1)) }, seconds, results }, null, 2)}\n`);
  console.warn(`[bench] done in ${seconds} s (load average ${loadAtStart} at the start, ${loadavg()[0]!.toFixed(1)} at the end); figures in ${out}`);
}

/** A private stack for some runs, stopped (and its data removed) after them. */
async function withStack(rootDir: string, what: string, env: NodeJS.ProcessEnv, body: (stack: Stack) => Promise<void>, persistTemporal = PERSIST_TEMPORAL): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'threadline-bench-'));
  chmodSync(dataDir, 0o755);
  console.warn(`[bench] starting a stack (${what})…`);
  let stack: Stack | undefined;
  try {
    stack = await startStack({
      rootDir,
      dataDir,
      ports: { api: await freePort(), emulator: await freePort(), temporal: await freePort(), temporalUi: 0, postgres: await freePort() },
      persistTemporal,
      log: (line) => console.warn(`[bench] ${line}`),
      echo: false,
      env: { LOG_LEVEL: 'warn', SEND_WAIT_MS: '120000', API_RATE_LIMIT_PER_MINUTE: '100000', ACCOUNT_SWEEP_SECONDS: '1', ...env },
    });
    await body(stack);
  } finally {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Worker RSS at each count of BENCH_RSS_LEADS (10,000 unless set; e.g. 10000,100000), one campaign each. */
async function rssRun(stack: Stack): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const leads of (process.env.BENCH_RSS_LEADS ?? '10000').split(',').map(Number)) figures.push(...await workerRssRun(stack, leads, env('BENCH_RSS_TIMEOUT_SECONDS', 600)));
  return figures;
}

async function importWorkspace(stack: Stack): Promise<{ key: string; accountId: string; note: string }> {
  const { key, accounts: [account] } = await benchWorkspace(stack, 'bench import');
  return { key, accountId: account!.id, note: 'sender with an empty inbox' };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
