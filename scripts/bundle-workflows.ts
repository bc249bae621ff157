import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_PRELOAD_MODULES } from '../apps/worker/src/workflow-preload';

/** Prebundles the workflows at build time so the worker starts without running webpack. */
async function main(): Promise<void> {
  const root = resolve(__dirname, '../..');
  const { code } = await bundleWorkflowCode({
    workflowsPath: join(root, 'dist/workflows/src/index.js'),
    // The worker's data converter encodes failure messages; workflow-side failures must match.
    failureConverterPath: join(root, 'dist/libs/core/src/temporal/failure-converter.js'),
    logger: new DefaultLogger('WARN'),
    // Shared by every cached run instead of evaluated per run (issue 19).
    preloadModules: WORKFLOW_PRELOAD_MODULES,
  });
  writeFileSync(join(root, 'dist/workflow-bundle.js'), code);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
