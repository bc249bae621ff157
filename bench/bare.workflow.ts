import { proxyActivities } from '@temporalio/workflow';

/** The bare engine's activity: does nothing, so what it costs is the engine's own round trip. */
export interface BareActivities {
  noop(): Promise<void>;
}

const { noop } = proxyActivities<BareActivities>({ startToCloseTimeout: '1 minute' });

/** The baseline of a Threadline run: `activities` no-op activities one after the other, nothing else. */
export async function bareWorkflow(activities: number): Promise<void> {
  for (let i = 0; i < activities; i++) await noop();
}
