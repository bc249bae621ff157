import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';

// Recorded by the e2e specs (THREADLINE_RECORD_HISTORIES=1): real runs of the lead and campaign workflows,
// including a worker killed mid-campaign. A change to workflow code that would break running
// sequences fails here; guard such a change with patched() instead.
const FIXTURES = join(__dirname, '../../test/fixtures/histories');

function fixtures(): Array<{ name: string; workflowId: string; history: temporal.api.history.v1.History }> {
  if (!existsSync(FIXTURES)) return [];
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const { workflowId, history } = JSON.parse(readFileSync(join(FIXTURES, f), 'utf8'));
      return { name: f, workflowId, history: temporal.api.history.v1.History.fromObject(history) };
    });
}

describe('replay of recorded sequence histories', () => {
  const recorded = fixtures();

  it('has recorded histories of the lead and campaign workflows to replay', () => {
    expect(recorded.filter((r) => r.workflowId.startsWith('lead:')).length).toBeGreaterThanOrEqual(5);
    expect(recorded.some((r) => r.workflowId.startsWith('campaign:'))).toBe(true);
  });

  it('replays every recorded history with the current workflow code, without a determinism error', async () => {
    const failures: string[] = [];
    const results = Worker.runReplayHistories(
      { workflowsPath: require.resolve('./index'), replayName: 'sequences-replay' },
      recorded.map((r) => ({ workflowId: r.workflowId, history: r.history })),
    );
    let replayed = 0;
    for await (const result of results) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(recorded.length);
  }, 120_000);
});
