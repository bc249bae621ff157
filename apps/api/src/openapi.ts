import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI generated from the DTOs: JSON at /openapi.json, interactive docs at /docs. */
export function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'openapi.json' });
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Threadline')
      .setDescription('Self-hosted LinkedIn messaging API and outreach sequencer. Authenticate with `Authorization: Bearer <API key>`; choose the LinkedIn account with `X-Account-Id`.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}
