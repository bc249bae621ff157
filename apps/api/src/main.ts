import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ApiConfig, loadConfig } from '@threadline/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation.pipe';
import { setUpOpenApi } from './openapi';

async function main(): Promise<void> {
  const config = loadConfig(ApiConfig);
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  setUpOpenApi(app);
  await app.listen(config.PORT, config.HOST);
  console.warn(`api listening on http://${config.HOST}:${config.PORT} (docs at /docs)`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
