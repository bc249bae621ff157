import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiConfig, loadConfig } from '@threadline/core';
import { AppModule } from '../apps/api/src/app.module';
import { buildOpenApiDocument } from '../apps/api/src/openapi';

/**
 * The API's OpenAPI document, built in this process from the controllers and DTOs, as the API serves it
 * at /openapi.json. Nest's preview mode scans the modules without instantiating any provider, so
 * nothing connects to Postgres or Temporal: the placeholder config below is never used to connect.
 */
export async function buildOfflineOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig(ApiConfig, { DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi', THREADLINE_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') });
  const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false, abortOnError: false });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
