import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CampaignActivities, CampaignControl, CampaignInput, CampaignResult } from '../../libs/contracts/src/sequences';
import { campaignControlSignal, campaignLeadFinishedSignal, campaignLeadsAddedSignal, retryFailedLeadsUpdate } from '../../libs/contracts/src/sequences';
import { applyCampaignControl } from './campaign-control';

// Loop turns per run; continue-as-new well before the history grows large, even with many small batches.
const TURNS_PER_RUN = 500;

/**
 * The coordinator of one campaign: enrols pending leads in batches (each lead is its own workflow,
 * started by business id from an activity), fans lifecycle controls out, and completes the campaign
 * when no lead is pending or active. Continue-as-new keeps its history small for any number of leads.
 */
export async function campaignWorkflow(input: CampaignInput): Promise<CampaignResult> {
  const acts = proxyActivities<CampaignActivities>({ startToCloseTimeout: '5 minutes', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });
  // Enrolment heartbeats per group of starts: a worker that died mid-batch is noticed within a minute, not five.
  const batches = proxyActivities<CampaignActivities>({ startToCloseTimeout: '5 minutes', heartbeatTimeout: '1 minute', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });
  // A fan-out pages through every lead (a retry waits for each run's answer): as long as it takes, alive while it heartbeats per page.
  const fanOut = proxyActivities<CampaignActivities>({ startToCloseTimeout: '1 hour', heartbeatTimeout: '1 minute', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });
  const ref = { workspaceId: input.workspaceId, campaignId: input.campaignId };
  let paused = input.paused ?? false;
  let cancelled = false;
  let enrolled = input.enrolled ?? 0;
  let nudged = true;
  // Controls are fanned out in the order they arrived; one that changes nothing (a retried request) is not.
  const controls: CampaignControl[] = [];

  setHandler(campaignControlSignal, (control) => {
    const next = applyCampaignControl({ paused, cancelled }, control);
    ({ paused, cancelled } = next.state);
    if (next.fanOut) controls.push(control);
  });
  setHandler(campaignLeadsAddedSignal, () => {
    nudged = true;
  });
  setHandler(campaignLeadFinishedSignal, () => {
    nudged = true;
  });
  // Runs beside the loop (the fan-out is idempotent per lead); the coordinator ends or continues only once it is done.
  setHandler(retryFailedLeadsUpdate, () => fanOut.signalCampaignLeads({ ...ref, control: 'retry_failed' }), {
    validator: () => {
      if (cancelled) throw ApplicationFailure.create({ type: 'CAMPAIGN_STATE_INVALID', message: 'The campaign is cancelled: its leads have ended.', nonRetryable: true });
    },
  });

  for (let turn = 0; ; turn++) {
    while (controls.length > 0) await fanOut.signalCampaignLeads({ ...ref, control: controls.shift()! });
    if (cancelled) {
      await acts.finishCampaign({ ...ref, status: 'cancelled' });
      await condition(allHandlersFinished);
      return { status: 'cancelled', enrolled };
    }
    if (!paused) {
      const batch = await batches.enrolLeadBatch({ ...ref, limit: input.batchSize });
      enrolled += batch.enrolled;
      // More to enrol now; when a per-day limit held leads back (nothing enrolled), wait for the next check instead.
      if (batch.enrolled > 0 && batch.pendingLeft > 0 && turn < TURNS_PER_RUN && !workflowInfo().continueAsNewSuggested) continue;
    }
    if (!paused) {
      const progress = await acts.campaignProgress(ref);
      if (progress.pending === 0 && progress.active === 0 && controls.length === 0) {
        await acts.finishCampaign({ ...ref, status: 'completed' });
        await condition(allHandlersFinished);
        return { status: 'completed', enrolled };
      }
    }
    if (controls.length > 0) continue;
    if (turn >= TURNS_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      // Every control has been fanned out; the new run carries only the state.
      return continueAsNew<typeof campaignWorkflow>({ ...input, paused, enrolled, runs: (input.runs ?? 0) + 1 });
    }
    nudged = false;
    await condition(() => nudged || controls.length > 0, input.progressCheckMs);
  }
}
