import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `npm test` after lint and build: every tier in turn, each one jest run, with its time printed, then one
 * closing line for all of them ("tests: N passed, N failed, N skipped"). Files run in parallel, except in the
 * tiers that share one Temporal server or kill processes of a stack, which run in band. It goes on after a failed
 * tier, so one run shows every failure, and exits non-zero if any failed.
 */
const E2E_WORKERS = process.env.THREADLINE_E2E_WORKERS ?? '4';
const TIERS: Array<{ name: string; projects: string[]; workers: string }> = [
  { name: 'unit + contract', projects: ['unit', 'contract'], workers: '50%' },
  { name: 'workflows', projects: ['workflows'], workers: '1' },
  { name: 'integration', projects: ['integration'], workers: '50%' },
  // Mostly waiting on timers, LinkedIn pacing and Temporal: more files at once than cores.
  { name: 'end to end', projects: ['e2e'], workers: E2E_WORKERS },
  { name: 'end to end, one at a time', projects: ['e2e-serial'], workers: '1' },
  { name: 'fault campaign (short profile)', projects: ['stack'], workers: '1' },
];

function main(): number {
  const root = resolve(__dirname, '..', '..');
  const only = process.argv.slice(2);
  const dir = mkdtempSync(join(tmpdir(), 'threadline-tests-'));
  const countsFile = join(dir, 'counts.jsonl');
  const times: string[] = [];
  let failedTiers = 0;
  const t0 = Date.now();
  try {
    for (const tier of TIERS.filter((t) => only.length === 0 || t.projects.some((p) => only.includes(p)))) {
      console.warn(`\n=== ${tier.name} ===`);
      const started = Date.now();
      const args = ['jest', '--selectProjects', ...tier.projects, ...(tier.workers === '1' ? ['--runInBand'] : [`--maxWorkers=${tier.workers}`])];
      const run = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: { ...process.env, THREADLINE_TEST_COUNTS: countsFile } });
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      if (run.status !== 0) failedTiers++;
      times.push(`${tier.name}: ${seconds} s${run.status === 0 ? '' : ' (FAILED)'}`);
      console.warn(`=== ${tier.name}: ${seconds} s ===`);
    }
    const counts = (existsSync(countsFile) ? readFileSync(countsFile, 'utf8') : '').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { passed: number; failed: number; skipped: number });
    const total = counts.reduce((a, c) => ({ passed: a.passed + c.passed, failed: a.failed + c.failed, skipped: a.skipped + c.skipped }), { passed: 0, failed: 0, skipped: 0 });
    // A tier that failed without a test failing (a global setup that threw) still fails the run.
    if (failedTiers > 0 && total.failed === 0) total.failed = failedTiers;
    console.warn(`\ntier times: ${times.join('; ')}; all tiers ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    process.stderr.write(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
    return failedTiers > 0 ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main();
