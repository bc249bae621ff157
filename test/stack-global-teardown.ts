/** Stops any private stack a spec left running, and the control API. */
export default async function stackGlobalTeardown(): Promise<void> {
  await globalThis.__THREADLINE_STACK_CONTROL__?.close();
}
