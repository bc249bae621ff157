import type { PrivateStackInfo } from './stack-control';

/** A stack of its own for a spec that restarts Temporal and Postgres (which would break the shared stack's other specs). */
export interface PrivateStack {
  info: PrivateStackInfo;
  /** SIGKILL (a crash: in-flight activities are lost), `downMs` down, then a fresh worker that says it is ready. */
  crashWorker(downMs: number): Promise<void>;
  /** Stops the Temporal server, `downMs` down, starts it on the same SQLite file and waits until it answers. */
  restartTemporal(downMs: number): Promise<void>;
  /** Stops Postgres (open connections are cut), `downMs` down, starts it on the same folder. */
  restartPostgres(downMs: number): Promise<void>;
  /** Which of the stack's processes are running. */
  processes(): Promise<Record<'worker' | 'api' | 'emulator' | 'temporal', boolean>>;
  /** Starts a process that died (what a supervisor does). */
  startProcess(name: 'worker' | 'api' | 'emulator'): Promise<void>;
  /** Stops it; the logs stay in `info.logsDir`. */
  stop(): Promise<void>;
}

async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const url = process.env.THREADLINE_STACK_CONTROL;
  if (!url) throw new Error('THREADLINE_STACK_CONTROL is not set: run this spec in the "stack" jest project (its global setup serves the control API).');
  const res = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(`stack control ${method} ${path} answered ${res.status}: ${answer.error}`);
  return answer;
}

/**
 * Starts the whole product on free ports with Temporal's state in SQLite (so it survives a restart), and
 * points the test support (`stackInfo()`, the API and emulator clients) at it.
 */
export async function startPrivateStack(name: string, env: NodeJS.ProcessEnv): Promise<PrivateStack> {
  const info = await control<PrivateStackInfo>('POST', '/stacks', { name, env });
  process.env.THREADLINE_E2E = JSON.stringify(info);
  const at = `/stacks/${info.id}`;
  return {
    info,
    crashWorker: async (downMs) => void (await control('POST', `${at}/worker/crash`, { downMs })),
    restartTemporal: async (downMs) => void (await control('POST', `${at}/temporal/restart`, { downMs })),
    restartPostgres: async (downMs) => void (await control('POST', `${at}/postgres/restart`, { downMs })),
    processes: () => control('GET', `${at}/processes`),
    startProcess: async (process) => void (await control('POST', `${at}/processes/${process}/start`)),
    stop: async () => void (await control('DELETE', at)),
  };
}
