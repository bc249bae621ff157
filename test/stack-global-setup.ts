import { startStackControl } from './support/stack-control';

declare global {
  var __THREADLINE_STACK_CONTROL__: { close(): Promise<void> } | undefined;
}

/** The `stack` project starts no stack itself: its specs ask this control API for private ones (test/support/private-stack.ts). */
export default async function stackGlobalSetup(): Promise<void> {
  const control = await startStackControl();
  globalThis.__THREADLINE_STACK_CONTROL__ = control;
  process.env.THREADLINE_STACK_CONTROL = control.url;
}
