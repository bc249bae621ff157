import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { stackInfo } from './support/stack-info';

/** Stops the stack; keeps the logs of the run and drops its databases. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__THREADLINE_STACK__?.stop();
  if (process.env.THREADLINE_E2E) rmSync(join(stackInfo().dataDir, 'postgres'), { recursive: true, force: true });
}
