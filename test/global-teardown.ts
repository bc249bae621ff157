import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { stackInfo } from './support/stack-info';
import { stopReplacementWorkers } from './support/worker-control';

/** Stops the stack; keeps the logs of the run and drops its databases. */
export default async function globalTeardown(): Promise<void> {
  if (process.env.THREADLINE_E2E) stopReplacementWorkers(stackInfo().dataDir);
  await globalThis.__THREADLINE_STACK__?.stop();
  if (process.env.THREADLINE_E2E) rmSync(join(stackInfo().dataDir, 'postgres'), { recursive: true, force: true });
}
