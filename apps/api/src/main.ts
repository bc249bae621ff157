import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiConfig, MetricsRegistry, loadConfig } from '@threadline/core';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import { AppModule } from './app.module';
import { configureHttpEdge } from './common/http-edge';
import { httpMetrics } from './metrics/http-metrics.middleware';
import { createValidationPipe } from './common/validation.pipe';
import { setUpOpenApi } from './openapi';

async function main(): Promise<void> {
  const config = loadConfig(ApiConfig);
  // Our own JSON parsers (limits per route, errors in the envelope) replace Nest's defaults.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  // First, so the histogram times everything after it, refusals included.
  app.use(httpMetrics(app.get(MetricsRegistry)));
  configureHttpEdge(app);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  setUpOpenApi(app);
  // Node closes idle keep-alive sockets after 5 s, which races with clients and load balancers that reuse
  // them a moment later ("other side closed"). Keep them longer than the usual 60 s proxy idle timeout.
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await app.listen(config.PORT, config.HOST);
  // Always written, whatever LOG_LEVEL (supervisors and the dev stack wait for it), as a JSON line like the rest.
  pino({ level: 'info' }).info(`api listening on http://${config.HOST}:${config.PORT} (docs at /docs)`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
