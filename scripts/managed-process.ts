import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** A line on stdout or stderr that says the process is ready. */
  readyLine?: RegExp;
  /** Where output goes: a log file (tests), or prefixed lines on the console (dev). */
  logFile?: string;
  echo?: (line: string) => void;
}

/** A child process the stack can start, wait for, stop and restart (the tests kill the worker). */
export class ManagedProcess {
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  // Whatever ends this process (Ctrl-C, a library's exit hook, a crash), its children end too.
  private readonly killOnExit = () => this.child?.kill('SIGTERM');

  constructor(readonly options: ManagedProcessOptions) {
    process.on('exit', this.killOnExit);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    const { name, command, args, env, cwd, readyLine, logFile, echo } = this.options;
    if (logFile && !this.log) this.log = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let recent = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not become ready within ${timeoutMs / 1000}s. Last output:\n${recent}`)), timeoutMs);
      const onLine = (line: string) => {
        recent = (recent + line + '\n').slice(-3000);
        this.log?.write(line + '\n');
        echo?.(line);
        if (readyLine?.test(line)) {
          clearTimeout(timer);
          resolve();
        }
      };
      for (const stream of [child.stdout!, child.stderr!]) {
        let buffer = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          buffer += chunk;
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          lines.forEach(onLine);
        });
      }
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${signal ?? code}) before it was ready. Last output:\n${recent}`));
      });
      if (!readyLine) {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  /** Stops the process: SIGTERM (graceful) or SIGKILL (a crash, for fault tests). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }

  /** Stops (SIGKILL for a crash), stays down `downMs` (an outage), then starts again and waits for the ready line. */
  async restart(options: { signal?: NodeJS.Signals; downMs?: number } = {}): Promise<void> {
    await this.stop(options.signal);
    if (options.downMs) await new Promise((r) => setTimeout(r, options.downMs));
    await this.start();
  }

  close(): void {
    process.off('exit', this.killOnExit);
    this.log?.end();
    this.log = null;
  }
}
