import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { findTemporalCli } from '../../scripts/temporal-cli';
import { WORKFLOW_PRELOAD_MODULES } from '../../apps/worker/src/workflow-preload';

/**
 * Once per run of the workflow tier: finds the Temporal CLI (the cached v1.5.1 build; never the SDK's
 * download, which this machine cannot reach) and bundles the workflows from source, so each test file
 * starts its own dev server and a worker without running webpack again.
 */
export default async function globalSetup(): Promise<void> {
  const t0 = Date.now();
  process.env.THREADLINE_TEMPORAL_CLI ??= await findTemporalCli();
  const { code } = await bundleWorkflowCode({ workflowsPath: resolve(__dirname, '../src/index.ts'), logger: new DefaultLogger('WARN'), preloadModules: WORKFLOW_PRELOAD_MODULES });
  const bundle = join(mkdtempSync(join(tmpdir(), 'threadline-workflows-')), 'workflow-bundle.js');
  writeFileSync(bundle, code);
  process.env.THREADLINE_WORKFLOW_BUNDLE = bundle;
  console.warn(`[workflows] CLI ${process.env.THREADLINE_TEMPORAL_CLI}, bundle ready in ${Date.now() - t0} ms`);
}
