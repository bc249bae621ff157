import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_DOCUMENT_PATH, CLIENT_SCHEMA_PATH, renderClientDocument, renderClientSchema } from './client-schema';
import { buildOfflineOpenApiDocument } from './openapi-document';

/** `npm run client:generate`: writes the API's OpenAPI document and regenerates the typed client's types from it. */
async function main(): Promise<void> {
  // npm runs scripts in the repository's root.
  const root = process.cwd();
  if (!existsSync(join(root, 'libs/client/package.json'))) throw new Error('run it from the repository root: npm run client:generate');
  const doc = await buildOfflineOpenApiDocument();
  writeFileSync(join(root, CLIENT_DOCUMENT_PATH), renderClientDocument(doc));
  writeFileSync(join(root, CLIENT_SCHEMA_PATH), renderClientSchema(doc));
  console.warn(`wrote ${CLIENT_DOCUMENT_PATH} (${Object.keys(doc.paths).length} paths) and ${CLIENT_SCHEMA_PATH}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
