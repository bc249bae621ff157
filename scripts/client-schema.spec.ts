import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_DOCUMENT_PATH, CLIENT_SCHEMA_PATH, differences, renderClientDocument, renderClientSchema } from './client-schema';
import { buildOfflineOpenApiDocument } from './openapi-document';

// Terminus is ES modules only, which jest cannot load; it adds no route to the document (the probes are HealthController's).
jest.mock('@threadline/core/probes', () => {
  const { Injectable, Module } = jest.requireActual<typeof import('@nestjs/common')>('@nestjs/common');
  @Injectable() class ReadinessCheck {}
  @Module({ providers: [ReadinessCheck], exports: [ReadinessCheck] }) class ProbesModule {}
  return { ReadinessCheck, ProbesModule };
});

const root = join(__dirname, '..');
const committed = (path: string) => readFileSync(join(root, path), 'utf8');

describe('the typed client (libs/client) and the API it calls', () => {
  let doc: Awaited<ReturnType<typeof buildOfflineOpenApiDocument>>;

  beforeAll(async () => {
    doc = await buildOfflineOpenApiDocument();
  });

  it('was generated from the OpenAPI document the API builds now (run npm run client:generate when this fails)', () => {
    expect(differences(committed(CLIENT_DOCUMENT_PATH), renderClientDocument(doc))).toEqual([]);
  });

  it('has the types openapi-typescript generates from that document, byte for byte (run npm run client:generate when this fails)', () => {
    expect(differences(committed(CLIENT_SCHEMA_PATH), renderClientSchema(doc))).toEqual([]);
  });
});
