import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `npm test` after the build: lint, type checks and every test tier, each with its time printed, then one
 * closing line for all of them ("tests: N passed, N failed, N skipped"). The machine this must fit has 2
 * cores, so steps that mostly wait share a stage: a stage's steps run at once, each into its own log,
 * printed whole when it ends. It goes on after a failed step, so one run shows every failure, and exits
 * non-zero if any failed. `node dist/scripts/test-tiers.js e2e stack` runs only the tiers of those jest projects.
 */
interface Step {
  name: string;
  command: string[];
  /** The jest projects of a test tier (what an argument picks); none for lint and type checks. */
  projects?: string[];
}

const E2E_WORKERS = process.env.THREADLINE_E2E_WORKERS ?? '4';

function tier(name: string, projects: string[], workers: string): Step {
  return { name, projects, command: ['npx', 'jest', '--selectProjects', ...projects, ...(workers === '1' ? ['--runInBand'] : [`--maxWorkers=${workers}`])] };
}

const STAGES: Step[][] = [
  [
    { name: 'lint', command: ['npx', 'eslint', '.'] },
    // The build checks the product's types; this checks the tests' too (jest only transpiles them).
    { name: 'type check, tests included', command: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  ],
  [tier('unit + contract', ['unit', 'contract'], '2')],
  // Each file starts its own Temporal dev server.
  [tier('workflows', ['workflows'], '2')],
  // Each file makes its own database.
  [tier('integration', ['integration'], '2')],
  // Mostly waiting on timers, LinkedIn pacing and Temporal: more files at once than cores.
  [tier('end to end', ['e2e'], E2E_WORKERS)],
  // Both mostly wait (for a killed worker, a fault to pass), each on its own stack.
  [tier('end to end, one at a time', ['e2e-serial'], '1'), tier('fault campaign (short profile)', ['stack'], '1')],
];

interface Outcome { name: string; seconds: number; ok: boolean }

function run(step: Step, root: string, env: NodeJS.ProcessEnv, logFile: string | null): Promise<Outcome> {
  const started = Date.now();
  return new Promise((done) => {
    const [command, ...args] = step.command;
    const child = spawn(command!, args, { cwd: root, env, stdio: logFile ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    if (logFile) {
      const log = createWriteStream(logFile);
      child.stdout!.pipe(log, { end: false });
      child.stderr!.pipe(log, { end: false });
      child.on('close', () => log.end());
    }
    child.on('close', (code) => done({ name: step.name, seconds: Math.round((Date.now() - started) / 1000), ok: code === 0 }));
  });
}

async function main(): Promise<number> {
  const root = resolve(__dirname, '..', '..');
  const only = process.argv.slice(2);
  const dir = mkdtempSync(join(tmpdir(), 'threadline-tests-'));
  const countsFile = join(dir, 'counts.jsonl');
  const env = { ...process.env, THREADLINE_TEST_COUNTS: countsFile };
  const times: string[] = [];
  let failed = 0;
  const t0 = Date.now();
  try {
    for (const stage of STAGES) {
      const steps = stage.filter((s) => only.length === 0 || s.projects?.some((p) => only.includes(p)));
      if (steps.length === 0) continue;
      console.warn(`\n=== ${steps.map((s) => s.name).join(' | ')} ===`);
      const logs = steps.map((s, i) => (steps.length > 1 ? join(dir, `step-${i}.log`) : null));
      const outcomes = await Promise.all(steps.map((s, i) => run(s, root, env, logs[i]!)));
      outcomes.forEach((o, i) => {
        if (logs[i]) console.warn(`\n--- ${o.name} ---\n${readFileSync(logs[i]!, 'utf8')}`);
        if (!o.ok) failed++;
        times.push(`${o.name}: ${o.seconds} s${o.ok ? '' : ' (FAILED)'}`);
        console.warn(`=== ${o.name}: ${o.seconds} s${o.ok ? '' : ' (FAILED)'} ===`);
      });
    }
    const counts = (existsSync(countsFile) ? readFileSync(countsFile, 'utf8') : '').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { passed: number; failed: number; skipped: number });
    const total = counts.reduce((a, c) => ({ passed: a.passed + c.passed, failed: a.failed + c.failed, skipped: a.skipped + c.skipped }), { passed: 0, failed: 0, skipped: 0 });
    // A step that failed without a test failing (lint, a global setup that threw) still fails the run.
    if (failed > 0 && total.failed === 0) total.failed = failed;
    console.warn(`\ntimes: ${times.join('; ')}; all ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    process.stderr.write(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
    return failed > 0 ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then((code) => {
  process.exitCode = code;
});
