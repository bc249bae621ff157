import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startStack, type Stack } from '../scripts/stack';
import { type BenchFigure, benchWorkspace, printTable } from './bench-support';
import { capsBench, capsFigures } from './caps.bench';
import { inboxBench } from './inbox.bench';
import { invitationCapsBench, printInvitationCaps } from './invitation-caps.bench';
import { leadImportBench } from './lead-import.bench';
import { sendPacingBench } from './send-pacing.bench';

/** Benchmarks to run: BENCH_ONLY=inbox,import (comma-separated) picks some; unset runs all. */
const RUNS = ['send-pacing', 'inbox', 'import', 'caps', 'invitation-caps'] as const;

/** `npm run bench`: boots a private stack, runs each benchmark, prints figures and ratios, and writes bench/results.json. */
async function main(): Promise<void> {
  const rootDir = resolve(__dirname, '../..');
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((r) => !(RUNS as readonly string[]).includes(r)) ?? [];
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown run ${unknown.join(', ')} (runs: ${RUNS.join(', ')})`);
  const runs = RUNS.filter((r) => !only || only.includes(r));
  const dataDir = mkdtempSync(join(tmpdir(), 'threadline-bench-'));
  chmodSync(dataDir, 0o755);
  const spacingSeconds = Number(process.env.BENCH_SPACING_SECONDS ?? 2);
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}`;
  // Other work on the machine moves every figure: the load is printed and recorded with them.
  const loadAtStart = loadavg()[0]!.toFixed(1);
  console.warn(`[bench] ${machine}; load average ${loadAtStart}; runs: ${runs.join(', ')}`);
  const weeklyInvitationCap = Number(process.env.BENCH_INVITATION_WEEKLY_CAP ?? 4);
  console.warn(`[bench] starting a stack (per-account spacing ${spacingSeconds}s)…`);
  const results: Record<string, BenchFigure[]> = {};
  const started = Date.now();
  let stack: Stack | undefined;
  try {
    stack = await startStack({
      rootDir,
      dataDir,
      ports: { api: await freePort(), emulator: await freePort(), temporal: await freePort(), temporalUi: 0, postgres: await freePort() },
      persistTemporal: true,
      log: (line) => console.warn(`[bench] ${line}`),
      echo: false,
      env: {
        LOG_LEVEL: 'warn', SEND_SPACING_SECONDS: String(spacingSeconds), SEND_WAIT_MS: '120000', API_RATE_LIMIT_PER_MINUTE: '100000', ACCOUNT_SWEEP_SECONDS: '1',
        WEEKLY_INVITATION_CAP: String(weeklyInvitationCap),
      },
    });
    if (runs.includes('send-pacing')) await sendPacingBench(stack, { spacingSeconds, messagesPerAccount: Number(process.env.BENCH_MESSAGES ?? 6) });
    let inboxWorkspace: { key: string; accountId: string; note: string } | undefined;
    if (runs.includes('inbox')) {
      const conversations = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
      const messagesPerConversation = Number(process.env.BENCH_MESSAGES_PER_CONVERSATION ?? 10);
      const inbox = await inboxBench(stack, { conversations, messagesPerConversation, requests: Number(process.env.BENCH_INBOX_REQUESTS ?? 1000) });
      results.inbox = inbox.figures;
      inboxWorkspace = { key: inbox.key, accountId: inbox.accountId, note: `sender with ${(conversations * messagesPerConversation).toLocaleString('en')} messages` };
    }
    if (runs.includes('import')) {
      const ws = inboxWorkspace ?? await importWorkspace(stack);
      results.import = await leadImportBench(stack, ws, Number(process.env.BENCH_LEADS ?? 10_000));
    }
    if (runs.includes('caps')) {
      // It and invitation-caps replace the emulator's scenario with their own accounts and members: they run last.
      const caps = {
        accounts: Number(process.env.BENCH_CAPS_ACCOUNTS ?? 200), cap: Number(process.env.BENCH_CAPS_CAP ?? 3), leadsPerAccount: Number(process.env.BENCH_CAPS_LEADS ?? 5),
        spacingSeconds, holdSeconds: Number(process.env.BENCH_CAPS_HOLD_SECONDS ?? 20), timeoutSeconds: Number(process.env.BENCH_CAPS_TIMEOUT_SECONDS ?? 480),
      };
      results.caps = capsFigures(await capsBench(stack, caps), caps);
      printTable('caps', results.caps);
    }
    if (runs.includes('invitation-caps')) {
      const invitations = { accounts: Number(process.env.BENCH_INVITATION_ACCOUNTS ?? 40), weeklyCap: weeklyInvitationCap, leadsPerAccount: Number(process.env.BENCH_INVITATION_LEADS ?? 6), timeoutSeconds: Number(process.env.BENCH_INVITATION_TIMEOUT_SECONDS ?? 300) };
      printInvitationCaps(await invitationCapsBench(stack, invitations), invitations);
    }
  } finally {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const out = join(rootDir, 'bench', 'results.json');
  writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), machine, loadAverage: { start: Number(loadAtStart), end: Number(loadavg()[0]!.toFixed(1)) }, seconds: Math.round((Date.now() - started) / 1000), results }, null, 2)}\n`);
  console.warn(`[bench] done in ${Math.round((Date.now() - started) / 1000)} s (load average ${loadAtStart} at the start, ${loadavg()[0]!.toFixed(1)} at the end); figures in ${out}`);
}

async function importWorkspace(stack: Stack): Promise<{ key: string; accountId: string; note: string }> {
  const { key, accounts: [account] } = await benchWorkspace(stack, 'bench import');
  return { key, accountId: account!.id, note: 'sender with an empty inbox' };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
