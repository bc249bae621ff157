import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ManagedProcess } from './managed-process';

/** A one-shot step of the setup (schema, namespace, migrations): output to its own log file, fails with the output's tail. */
export async function runStep(opts: { name: string; command: string; args: string[]; env: NodeJS.ProcessEnv; cwd: string; logsDir: string; timeoutMs: number }): Promise<string> {
  const log = createWriteStream(join(opts.logsDir, `${opts.name}.log`), { flags: 'a' });
  let output = '';
  try {
    return await new Promise<string>((resolve, reject) => {
      const child = spawn(opts.command, opts.args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
      // A check that fails while a step waits (the server died under it) must not leave the step looping.
      const killOnExit = () => child.kill('SIGKILL');
      process.on('exit', killOnExit);
      for (const stream of [child.stdout, child.stderr]) {
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          output += chunk;
          log.write(chunk);
        });
      }
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        process.off('exit', killOnExit);
        if (code === 0) resolve(output);
        else reject(new Error(`${opts.name} failed (${signal ? `killed after ${opts.timeoutMs / 1000}s` : `exit ${code}`}):\n${output.slice(-3000)}`));
      });
    });
  } finally {
    log.end();
  }
}

/** One counter of a Prometheus text exposition, summed over the series whose labels include `match`. */
export async function scrapeCounter(metricsUrl: string, name: string, match: string): Promise<number | null> {
  try {
    const text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(3000) })).text();
    return text.split('\n').filter((l) => l.startsWith(`${name}{`) && l.includes(match)).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  } catch {
    return null;
  }
}

/**
 * A free loopback port below 32768. Temporal's Postgres schema stores membership ports as SMALLINT, so the
 * OS's ephemeral ports (32768 and up, what port 0 hands out) stop the server at its first heartbeat.
 */
export async function freeLowPort(taken: Set<number>): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const port = 10000 + Math.floor(Math.random() * 22768);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free port below 32768 on 127.0.0.1');
}

/** Rejects as soon as `proc` is no longer running, so a step that waits for it fails at once, not at its timeout. */
export function failWhenDown(proc: ManagedProcess, what: string): { promise: Promise<never>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (!proc.running) {
        clearInterval(timer);
        reject(new Error(`${what} exited; see ${proc.options.logFile ?? 'its output'}`));
      }
    }, 500);
  });
  promise.catch(() => undefined);
  return { promise, cancel: () => clearInterval(timer) };
}
