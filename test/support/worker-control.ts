import { spawn } from 'node:child_process';
import { appendFileSync, createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stackInfo } from './stack-info';

/** How the global setup started the worker, so a fault test can start another one the same way. */
export interface WorkerLaunch {
  pid: number;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
}

const LAUNCH_FILE = 'worker-launch.json';
const REPLACEMENTS_FILE = 'replacement-worker-pids';

/** Written by the global setup (mode 600: the env holds the stack's secrets, in a private temp folder). */
export function saveWorkerLaunch(dataDir: string, launch: WorkerLaunch): void {
  writeFileSync(join(dataDir, LAUNCH_FILE), JSON.stringify(launch), { mode: 0o600 });
}

/** How the stack started its worker; the api took the same env (plus PORT and HOST). */
export function launch(): WorkerLaunch {
  return JSON.parse(readFileSync(join(stackInfo().dataDir, LAUNCH_FILE), 'utf8')) as WorkerLaunch;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of the worker now serving the stack: the last replacement, else the original. */
export function currentWorkerPid(): number {
  const file = join(stackInfo().dataDir, REPLACEMENTS_FILE);
  const replacements = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : [];
  return replacements.length ? replacements[replacements.length - 1]! : launch().pid;
}

/** Kills the worker with SIGKILL (a crash: no graceful shutdown, in-flight activities are lost) and waits until it is gone. */
export async function killWorker(): Promise<number> {
  const pid = currentWorkerPid();
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return pid;
}

/** Starts a replacement worker with the original command and env; resolves once it says it is ready. */
export async function startReplacementWorker(timeoutMs = 60_000): Promise<number> {
  const { command, args, cwd, env, logFile } = launch();
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  appendFileSync(join(stackInfo().dataDir, REPLACEMENTS_FILE), `${child.pid}\n`);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the replacement worker was not ready within ${timeoutMs / 1000}s (log: ${logFile})`)), timeoutMs);
    let seen = '';
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.on('data', (chunk: Buffer) => {
        log.write(chunk);
        seen = (seen + chunk.toString('utf8')).slice(-2000);
        if (/worker ready/.test(seen)) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the replacement worker exited (${code}) before it was ready (log: ${logFile})`));
    });
  });
  return child.pid!;
}

/** For the global teardown: stops every replacement worker a test started. */
export function stopReplacementWorkers(dataDir: string): void {
  const file = join(dataDir, REPLACEMENTS_FILE);
  if (!existsSync(file)) return;
  for (const pid of readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number)) {
    if (alive(pid)) process.kill(pid, 'SIGTERM');
  }
}
