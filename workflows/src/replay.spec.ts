import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import * as workflows from './index';
import { WORKFLOW_PRELOAD_MODULES } from '../../apps/worker/src/workflow-preload';

// Recorded histories of every workflow type, replayed with the current workflow code: a change that
// would break running workflows fails here; guard it with patched() (docs/workflow-versioning.md).
// The e2e specs record real runs (THREADLINE_RECORD_HISTORIES=1), the workflow tier its own runs with
// mocked activities; recordings are saved decrypted.
const FIXTURES = join(__dirname, '../../test/fixtures/histories');

interface Recorded {
  name: string;
  workflowId: string;
  workflowType: string;
  history: temporal.api.history.v1.History;
}

function fixtures(): Recorded[] {
  if (!existsSync(FIXTURES)) return [];
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const { workflowId, history } = JSON.parse(readFileSync(join(FIXTURES, f), 'utf8'));
      const parsed = temporal.api.history.v1.History.fromObject(history);
      const workflowType = parsed.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '';
      return { name: f, workflowId, workflowType, history: parsed };
    });
}

describe('replay of recorded workflow histories', () => {
  const recorded = fixtures();

  it('has recorded histories of every workflow type the worker runs', () => {
    const types = new Set(recorded.map((r) => r.workflowType));
    expect(Object.keys(workflows).filter((type) => !types.has(type))).toEqual([]);
    expect(recorded.filter((r) => r.workflowType === 'leadSequenceWorkflow').length).toBeGreaterThanOrEqual(5);
  });

  it('replays every recorded history with the current workflow code, without a determinism error', async () => {
    const failures: string[] = [];
    const results = Worker.runReplayHistories(
      { workflowsPath: require.resolve('./index'), bundlerOptions: { preloadModules: WORKFLOW_PRELOAD_MODULES }, replayName: 'workflows-replay' },
      recorded.map((r) => ({ workflowId: r.workflowId, history: r.history })),
    );
    let replayed = 0;
    for await (const result of results) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(recorded.length);
  }, 180_000);
});
