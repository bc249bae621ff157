export default async function globalTeardown(): Promise<void> {
  await globalThis.__THREADLINE_STACK__?.stop();
}
