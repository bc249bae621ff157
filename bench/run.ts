import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startStack, type Stack } from '../scripts/stack';
import { invitationCapsBench, printInvitationCaps } from './invitation-caps.bench';
import { capsBench, printCaps } from './caps.bench';
import { sendPacingBench } from './send-pacing.bench';

/** `npm run bench`: boots a private stack, runs each benchmark, prints figures and ratios. */
async function main(): Promise<void> {
  const rootDir = resolve(__dirname, '../..');
  const dataDir = mkdtempSync(join(tmpdir(), 'threadline-bench-'));
  chmodSync(dataDir, 0o755);
  const spacingSeconds = Number(process.env.BENCH_SPACING_SECONDS ?? 2);
  const weeklyInvitationCap = Number(process.env.BENCH_INVITATION_WEEKLY_CAP ?? 4);
  // BENCH_ONLY=invitation-caps runs one benchmark.
  const only = (name: string) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY === name;
  console.warn(`[bench] starting a stack (per-account spacing ${spacingSeconds}s)…`);
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
    if (only('send-pacing')) await sendPacingBench(stack, { spacingSeconds, messagesPerAccount: Number(process.env.BENCH_MESSAGES ?? 6) });
    if (only('caps')) {
      const caps = {
        accounts: Number(process.env.BENCH_CAPS_ACCOUNTS ?? 200), cap: Number(process.env.BENCH_CAPS_CAP ?? 3), leadsPerAccount: Number(process.env.BENCH_CAPS_LEADS ?? 5),
        spacingSeconds, holdSeconds: Number(process.env.BENCH_CAPS_HOLD_SECONDS ?? 20), timeoutSeconds: Number(process.env.BENCH_CAPS_TIMEOUT_SECONDS ?? 480),
      };
      printCaps(await capsBench(stack, caps), caps);
    }
    if (only('invitation-caps')) {
      const invitations = { accounts: Number(process.env.BENCH_INVITATION_ACCOUNTS ?? 40), weeklyCap: weeklyInvitationCap, leadsPerAccount: Number(process.env.BENCH_INVITATION_LEADS ?? 6), timeoutSeconds: Number(process.env.BENCH_INVITATION_TIMEOUT_SECONDS ?? 300) };
      printInvitationCaps(await invitationCapsBench(stack, invitations), invitations);
    }
  } finally {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
