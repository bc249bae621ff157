import { loadConfig } from './config';
import type { EmulatorConfig } from './config';
import { createEmulatorServer } from './server';

async function main(): Promise<void> {
  let config: EmulatorConfig;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    console.error(`linkedin-emulator: ${(e as Error).message}`);
    process.exit(1);
  }
  const server = await createEmulatorServer({ port: config.port, host: config.host, seed: config.seed, scenario: config.scenario, publicUrl: config.publicUrl });
  process.stdout.write(`linkedin-emulator listening on ${server.url}\n`);
  process.stdout.write(`admin API: ${server.url}/__emulator/scenario (accounts and cookies)\n`);
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    process.stdout.write(`linkedin-emulator: ${signal}, shutting down\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error('linkedin-emulator: failed to start', e);
  process.exit(1);
});
