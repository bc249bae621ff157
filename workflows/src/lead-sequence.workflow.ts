import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  defineQuery,
  defineSignal,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { PreparedConversation, SendMessageInput } from './contracts';
import type { LeadActivities, LeadFinalStatus, LeadReplySignal, LeadRunState, LeadRunStatus, LeadSequenceInput, LeadSequenceResult, LeadStopSignal, ThreadCheck } from './sequence-contracts';
import { CAMPAIGN_SIGNALS, LEAD_SIGNALS, LEAD_STATE_QUERY, SA } from './sequence-contracts';
import { runSendSpine } from './send-spine';
import type { ErrorCode } from '../../libs/domain/src/errors';
import { ACCOUNT_PROBLEM_CODES, NON_RETRYABLE_CODES } from '../../libs/domain/src/retry-policy';
import { addBusinessDays, nextAllowedInstant } from '../../libs/domain/src/schedule/working-hours';
import { parseDuration } from '../../libs/domain/src/sequences/duration';
import { resolveTarget, type SequenceStep, type TypingAndSendStep } from '../../libs/domain/src/sequences/sequence-document';
import { campaignWorkflowId, leadStepOperationId } from '../../libs/domain/src/sequences/sequence-ids';
import { checkMessageLimits, chooseVariant, renderTemplate } from '../../libs/domain/src/sequences/template';
import { evaluateCondition } from '../../libs/domain/src/sequences/validate-sequence';

/** A reply from the lead (reply router or a thread check); the first one counts, repeats are ignored. */
export const leadReplySignal = defineSignal<[LeadReplySignal]>(LEAD_SIGNALS.reply);
/** No new step starts until `leadResume`; a send that has not gone out yet is held back. */
export const leadPauseSignal = defineSignal(LEAD_SIGNALS.pause);
export const leadResumeSignal = defineSignal(LEAD_SIGNALS.resume);
/** Ends the lead as stopped (per-lead stop) or cancelled (campaign cancel). */
export const leadStopSignal = defineSignal<[LeadStopSignal]>(LEAD_SIGNALS.stop);
/** Skips the current step: ends a wait now, drops a send that has not gone out, or moves past a failed step. */
export const leadSkipStepSignal = defineSignal(LEAD_SIGNALS.skipStep);
/** Runs a failed step again (a send reuses its originToken and reads the thread back first). */
export const leadRetryStepSignal = defineSignal(LEAD_SIGNALS.retryStep);
export const leadStateQuery = defineQuery<LeadRunState>(LEAD_STATE_QUERY);

const END = -1;
/** Failures that end when the account is reconnected or released, not by anything about the lead. */
const ACCOUNT_RECHECK_MS = 3_600_000;

/**
 * One lead through one pinned sequence version. Every wait is a durable timer on the workflow clock;
 * each send goes through the shared send spine, fenced by a thread check right before it goes out.
 */
export async function leadSequenceWorkflow(input: LeadSequenceInput): Promise<LeadSequenceResult> {
  const { workflowId } = workflowInfo();
  const ref = { workspaceId: input.workspaceId, campaignId: input.campaignId, leadId: input.leadId };
  const steps = input.sequence.steps;
  const linkedin = proxyActivities<LeadActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 8, nonRetryableErrorTypes: NON_RETRYABLE_CODES },
  });
  // Bookkeeping in Postgres retries until it lands: losing a record would lose a step's trace.
  const db = proxyActivities<LeadActivities>({ startToCloseTimeout: '30 seconds', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });
  const timeline = proxyLocalActivities<LeadActivities>({ startToCloseTimeout: '30 seconds', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });
  // Runs started before the timeline moved to Postgres replay without these records.
  const recordsWaits = patched('timeline-waits-in-postgres');
  let waitCount = 0;

  // Enrolment time on the workflow clock: messages before it are history, the lead's messages after it are replies.
  const enrolledAt = Date.now();
  let status: LeadRunStatus = 'active';
  let paused = false;
  let reply: LeadReplySignal | null = null;
  let replyRecorded = false;
  let stopRequest: LeadStopSignal | null = null;
  let skipRequested = false;
  let retryRequested = false;
  let stepIndex = 0;
  let holdDeadline: number | null = null;
  let lastStepStarted = -1;
  let waiting: LeadRunState['waiting'] = null;
  let profileUrn = input.profileUrn;
  let conversationUrn: string | null = null;
  let lastSend: { stepIndex: number; stepId: string; variantId: string | null; at: number } | null = null;
  const ownOriginTokens: string[] = [];
  const stepsRun: number[] = [];

  setHandler(leadReplySignal, (signal) => {
    reply ??= signal;
  });
  setHandler(leadPauseSignal, () => {
    paused = true;
  });
  setHandler(leadResumeSignal, () => {
    paused = false;
  });
  setHandler(leadStopSignal, (signal) => {
    stopRequest ??= signal;
  });
  setHandler(leadSkipStepSignal, () => {
    skipRequested = true;
  });
  setHandler(leadRetryStepSignal, () => {
    retryRequested = true;
  });
  setHandler(leadStateQuery, () => ({ status, stepIndex, stepId: steps[stepIndex]?.id ?? null, paused, waiting, stepsRun: [...stepsRun], replied: reply !== null }));

  const setStatus = (next: LeadRunStatus) => {
    if (next === status) return;
    status = next;
    upsertSearchAttributes([{ key: SA.LeadStatus, value: next }]);
  };
  const currentStop = (): LeadStopSignal | null => stopRequest;
  const stopsTheLead = () => stopRequest !== null || (reply !== null && input.stopOnReply);
  // A send is held back by anything that ends or suspends the step; a wait only by what ends it.
  const sendAbort = (): string | null => (stopRequest ? stopRequest.state : reply && input.stopOnReply ? 'replied' : paused ? 'paused' : skipRequested ? 'skipped' : null);
  const waitEnds = () => stopsTheLead() || skipRequested;
  /**
   * Every wait of the run: a durable timer (none when `until` is null) that `ends` cuts short. Its reason,
   * until when and how it ended go to the lead's timeline in Postgres; the summary names it in the Web UI.
   * True when `ends` woke it early.
   */
  const timedWait = async (reason: string, until: number | null, ends: () => boolean, minMs = 1): Promise<boolean> => {
    waiting = { reason, until };
    const record = { ...ref, key: `wait:${workflowInfo().runId}:${++waitCount}`, stepIndex, stepId: steps[stepIndex]?.id ?? null, reason, at: Date.now(), until };
    if (recordsWaits) await timeline.recordLeadWait(record);
    let woke = true;
    if (until === null) await condition(ends);
    else woke = await condition(ends, Math.max(minMs, until - Date.now()), { summary: `wait:${reason} until ${new Date(until).toISOString()}` });
    // A timer cut short was interrupted; a wait without a timer (a pause) was interrupted only by the lead's end.
    const interrupted = until === null ? stopsTheLead() : woke;
    if (recordsWaits) await timeline.recordLeadWait({ ...record, ended: interrupted ? 'interrupted' : 'elapsed' });
    waiting = null;
    return woke;
  };

  const noteReply = async (): Promise<void> => {
    if (!reply || replyRecorded) return;
    replyRecorded = true;
    await db.recordLeadReplied({
      ...ref, messageUrn: reply.messageUrn, at: reply.at, stepIndex: lastSend?.stepIndex ?? null, stepId: lastSend?.stepId ?? null,
      variantId: lastSend?.variantId ?? null, afterMs: lastSend ? Math.max(0, reply.at - lastSend.at) : null, endsLead: input.stopOnReply, source: reply.source,
    });
  };
  const absorbThreadCheck = (check: ThreadCheck): void => {
    if (check.conversationUrn) conversationUrn = check.conversationUrn;
    if (check.reply) reply ??= { messageUrn: check.reply.messageUrn, at: check.reply.at, source: 'thread_check' };
    if (check.manualOutbound) stopRequest ??= { state: 'stopped', reason: 'a message was written by hand in the conversation' };
  };
  // `pendingToken`: the token of the send about to go out, which an earlier attempt may already have delivered.
  const checkThread = async (pendingToken?: string): Promise<ThreadCheck> => {
    const tokens = pendingToken ? [...ownOriginTokens, pendingToken] : ownOriginTokens;
    const check = await linkedin.checkLeadThread({ workspaceId: input.workspaceId, accountId: input.accountId, profileUrn: profileUrn!, conversationUrn, since: enrolledAt, ownOriginTokens: tokens });
    absorbThreadCheck(check);
    return check;
  };

  const finish = async (final: LeadFinalStatus, reason: string | null): Promise<LeadSequenceResult> => {
    await noteReply();
    setStatus(final);
    waiting = null;
    await db.finishLead({ ...ref, status: final, reason });
    try {
      await getExternalWorkflowHandle(campaignWorkflowId(input.campaignId)).signal(CAMPAIGN_SIGNALS.leadFinished, input.leadId);
    } catch {
      // The coordinator re-counts live leads on its own; a missed nudge only delays completion.
    }
    return { status: final, reason, stepsRun };
  };

  /** A failed step holds the lead (state failed) until retried, skipped, stopped or the hold runs out. */
  const holdFailedStep = async (step: SequenceStep, err: unknown): Promise<'retry' | 'skip' | 'give_up'> => {
    const cause = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : err instanceof ApplicationFailure ? err : null;
    const code = cause?.type ?? 'INTERNAL';
    const message = cause?.message ?? (err instanceof Error ? err.message : String(err));
    setStatus('failed');
    // Cleared before the lead shows as failed: a retry or skip sent as soon as it does must not be lost.
    retryRequested = false;
    skipRequested = false;
    await db.recordLeadStepFailed({ ...ref, stepIndex, stepId: step.id, code, message });
    // One deadline per step, however often the step is tried again.
    const holdUntil = (holdDeadline ??= Date.now() + input.failedStepHoldMs);
    // A dead or flagged session clears when the user reconnects the account: try again every hour by
    // itself (paced by the send queue, so no burst) rather than waiting for a retry of every lead.
    const retriesByItself = ACCOUNT_PROBLEM_CODES.includes(code as ErrorCode);
    let woke = false;
    for (let left = holdUntil - Date.now(); left > 0 && !woke; left = holdUntil - Date.now()) {
      const slice = retriesByItself ? Math.min(input.accountRecheckMs ?? ACCOUNT_RECHECK_MS, left) : left;
      woke = await timedWait(retriesByItself ? 'account' : 'retry', Date.now() + slice, () => retryRequested || skipRequested || stopRequest !== null);
      if (retriesByItself && !woke) retryRequested = woke = true;
    }
    if (!woke || stopRequest) return 'give_up';
    setStatus('active');
    await db.recordLeadStep({ ...ref, stepIndex, stepId: step.id, status: 'active' });
    const decision = retryRequested ? 'retry' : 'skip';
    retryRequested = false;
    skipRequested = false;
    return decision;
  };

  const runSend = async (step: TypingAndSendStep): Promise<number> => {
    const seed = `${input.leadId}:${step.id}`;
    const variant = step.variants ? chooseVariant(step.variants, `${seed}:variant`) : null;
    const rendered = renderTemplate(variant ? variant.template : step.template!, input.attributes, seed);
    const problem = rendered.missing.length ? `no value for ${rendered.missing.map((v) => `{{${v}}}`).join(', ')} and no fallback` : checkMessageLimits({ text: rendered.text });
    if (problem) {
      // Nothing to send: hold as failed so the user can fix the lead or skip the step.
      const failure = ApplicationFailure.create({ type: 'VALIDATION_FAILED', message: `steps[${stepIndex}].template: ${problem}`, nonRetryable: true });
      const decision = await holdFailedStep(step, failure);
      return decision === 'skip' ? stepIndex + 1 : decision === 'retry' ? stepIndex : failWith(failure);
    }
    const send: SendMessageInput = {
      workspaceId: input.workspaceId,
      accountId: input.accountId,
      pacingKey: input.pacingKey,
      recipients: [profileUrn!],
      text: rendered.text,
      messageType: 'normal',
      channel: 'linkedin_inbox',
      typingMs: step.typing === false ? 0 : Math.min(20_000, Math.max(2_000, rendered.text.length * input.typingMsPerChar)),
      typingPingMs: input.typingPingMs,
    };
    // One token per step: a retried step reuses it, and the activity reads the thread back before sending.
    const originToken = uuid4();
    let readBackFirst = false;
    for (;;) {
      try {
        const outcome = await runSendSpine(send, {
          operationId: leadStepOperationId(workflowId, stepIndex),
          originToken,
          abortReason: sendAbort,
          waitUntilAllowed: async () => {
            const now = Date.now();
            const at = nextAllowedInstant(input.workingHours, now);
            if (at > now) await timedWait('working_hours', at, () => sendAbort() !== null);
          },
          beforeDeliver: async (prepared: PreparedConversation) => {
            conversationUrn ??= prepared.conversationUrn;
            const check = await checkThread(originToken);
            if (check.priorHistory && ownOriginTokens.length === 0) return 'already_in_conversation';
            return sendAbort();
          },
          deliver: (args) => linkedin.deliverLeadMessage({ ...args, readBackFirst }),
          onWait: (reason, until) => {
            waiting = { reason, until };
          },
          // Runs started before the timeline moved to Postgres keep the spine's own timer.
          ...(recordsWaits ? { waitForSlot: async (reason: string, until: number) => void (await timedWait(reason, until, () => sendAbort() !== null, 1000)) } : {}),
        });
        waiting = null;
        if (!outcome.sent) {
          if (outcome.reason === 'already_in_conversation') return finishWith('skipped', 'already in a conversation with this person');
          if (outcome.reason === 'skipped') {
            skipRequested = false;
            return stepIndex + 1;
          }
          // Paused, replied, stopped: the step did not happen; the main loop decides (resume re-runs it).
          return stepIndex;
        }
        ownOriginTokens.push(outcome.originToken);
        conversationUrn = outcome.result.conversationUrn;
        lastSend = { stepIndex, stepId: step.id, variantId: variant?.id ?? null, at: outcome.result.deliveredAt };
        stepsRun.push(stepIndex);
        await db.recordLeadSent({ ...ref, stepIndex, stepId: step.id, variantId: variant?.id ?? null, result: outcome.result, profileUrn: profileUrn! });
        return stepIndex + 1;
      } catch (err) {
        const decision = await holdFailedStep(step, err);
        if (decision === 'give_up') return failWith(err);
        if (decision === 'skip') return stepIndex + 1;
        readBackFirst = true;
      }
    }
  };

  let terminal: { status: LeadFinalStatus; reason: string | null } | null = null;
  const finishWith = (final: LeadFinalStatus, reason: string | null): number => {
    terminal = { status: final, reason };
    return END;
  };
  const failWith = (err: unknown): number => {
    if (stopRequest) return finishWith(stopRequest.state, stopRequest.reason);
    const cause = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : err instanceof ApplicationFailure ? err : null;
    return finishWith('failed', `${cause?.type ?? 'INTERNAL'}: ${cause?.message ?? String(err)}`);
  };

  const runStep = async (step: SequenceStep): Promise<number> => {
    switch (step.type) {
      case 'typing_and_send':
        return runSend(step);
      case 'wait': {
        const now = Date.now();
        const until = step.businessDays !== undefined ? addBusinessDays(input.workingHours, now, step.businessDays) : now + (parseDuration(step.duration) ?? 0);
        await timedWait(step.businessDays !== undefined ? 'business_days' : 'wait_step', until, waitEnds);
        skipRequested = false;
        stepsRun.push(stepIndex);
        return stepIndex + 1;
      }
      case 'wait_for_reply': {
        const until = Date.now() + (parseDuration(step.timeout) ?? 0);
        await timedWait('reply', until, () => reply !== null || waitEnds());
        // Timed out: one last look at the thread, in case a reply has not reached the inbox sync yet.
        if (!reply && !stopRequest && !skipRequested && profileUrn) await checkThread();
        skipRequested = false;
        stepsRun.push(stepIndex);
        if (stopsTheLead()) return stepIndex + 1;
        return reply ? resolveTarget(steps, stepIndex, step.onReply ?? 'end') : resolveTarget(steps, stepIndex, step.onTimeout);
      }
      case 'mark_seen':
        if (conversationUrn) {
          try {
            await linkedin.markLeadSeen({ workspaceId: input.workspaceId, accountId: input.accountId, conversationUrn });
          } catch (err) {
            const decision = await holdFailedStep(step, err);
            if (decision === 'give_up') return failWith(err);
            if (decision === 'retry') return stepIndex;
          }
        }
        stepsRun.push(stepIndex);
        return stepIndex + 1;
      case 'branch':
        stepsRun.push(stepIndex);
        return resolveTarget(steps, stepIndex, evaluateCondition(step.condition, { replied: reply !== null, attributes: input.attributes }) ? step.then : step.else);
      case 'end':
        stepsRun.push(stepIndex);
        return steps.length;
    }
  };

  if (!profileUrn) {
    try {
      profileUrn = await linkedin.resolveLeadProfile({ ...ref, accountId: input.accountId, profileRef: input.profileRef });
    } catch (err) {
      const cause = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : null;
      return finish('failed', `could not resolve ${input.profileRef}: ${cause?.message ?? String(err)}`);
    }
  }

  while (stepIndex < steps.length) {
    // The gate: no new step starts while paused; a stop or a reply (with stop-on-reply) ends the lead here.
    if (paused && !stopsTheLead()) {
      setStatus('paused');
      await timedWait('paused', null, () => !paused || stopsTheLead());
      setStatus('active');
    }
    await noteReply();
    const stop = currentStop();
    if (stop) return finish(stop.state, stop.reason);
    if (reply && input.stopOnReply) return finish('replied', 'the lead replied');
    skipRequested = false;
    if (stepIndex !== lastStepStarted) holdDeadline = null;
    lastStepStarted = stepIndex;

    const step = steps[stepIndex]!;
    upsertSearchAttributes([{ key: SA.SequenceStep, value: step.id }]);
    await db.recordLeadStep({ ...ref, stepIndex, stepId: step.id, status: 'active' });
    const next = await runStep(step);
    if (next === END) {
      const end = terminal as { status: LeadFinalStatus; reason: string | null } | null;
      return finish(end?.status ?? 'failed', end?.reason ?? null);
    }
    stepIndex = next;
  }
  // Signal handlers may have set it while the last step ran.
  const lastStop = currentStop();
  if (lastStop) return finish(lastStop.state, lastStop.reason);
  return finish(reply ? 'replied' : 'completed', reply ? 'the lead replied' : null);
}
