import { ApplicationFailure, condition, getExternalWorkflowHandle, patched, proxyActivities, proxyLocalActivities, setCurrentDetails, setHandler, upsertSearchAttributes, uuid4, workflowInfo } from '@temporalio/workflow';
import { failureOf, LINKEDIN_ACTIVITY_RETRY } from '../../libs/contracts/src/failures';
import { accountChangedSignal, type PreparedConversation, type SendMessageInput } from '../../libs/contracts/src/messaging';
import { SA } from '../../libs/contracts/src/search-attributes';
import type { LeadActivities, LeadRunState, LeadSequenceInput, LeadSequenceResult, ThreadCheck } from '../../libs/contracts/src/sequences';
import { campaignLeadFinishedSignal } from '../../libs/contracts/src/sequences';
import type { ErrorCode } from '../../libs/domain/src/errors';
import { ACCOUNT_PROBLEM_CODES } from '../../libs/domain/src/retry-policy';
import { addBusinessDays, nextAllowedInstant, windowClosesAt } from '../../libs/domain/src/schedule/working-hours';
import { parseDuration } from '../../libs/domain/src/sequences/duration';
import {
  endAfterLastStep, holdGivesUp, holdResumesWith, leadEnding, looksAgainAfterReplyWait, nextStep, pausesBeforeStep, reduceLead, sendAbortReason, startLead, statusOf, waitIsOver,
  type LeadEnd, type LeadEvent, type LeadRunStatus, type LeadWait, type StepOutcome,
} from '../../libs/domain/src/sequences/lead-machine';
import type { SequenceStep, TypingAndSendStep } from '../../libs/domain/src/sequences/sequence-document';
import { campaignWorkflowId, leadStepOperationId } from '../../libs/domain/src/sequences/sequence-ids';
import { checkMessageLimits, chooseVariant, renderTemplate } from '../../libs/domain/src/sequences/template';
import { invitationSteps } from './lead-invitation-steps';
import { answerLeadRequests } from './lead-requests';
import { changesSeenBeforeAsking, leanStep, localActivities, PACED_LINKEDIN_RETRY, pacedAtDelivery, runSendSpine } from './send-spine';

/** Failures that end when the account is reconnected or released, not by anything about the lead. */
const ACCOUNT_RECHECK_MS = 3_600_000;

/**
 * One lead through one pinned sequence version: the shell that applies the lead's machine
 * (libs/domain lead-machine.ts) to timers and activities. Every wait is a durable timer on the workflow
 * clock; each send goes through the shared send spine, fenced by a thread check right before it goes out.
 */
export async function leadSequenceWorkflow(input: LeadSequenceInput): Promise<LeadSequenceResult> {
  const { workflowId } = workflowInfo();
  const ref = { workspaceId: input.workspaceId, campaignId: input.campaignId, leadId: input.leadId };
  const steps = input.sequence.steps;
  const linkedin = proxyActivities<LeadActivities>({ startToCloseTimeout: '1 minute', retry: LINKEDIN_ACTIVITY_RETRY });
  // The send of a paced run: a throttle goes back to the send slot instead of being retried (send-spine.ts).
  const pacedLinkedin = proxyActivities<LeadActivities>({ startToCloseTimeout: '1 minute', retry: PACED_LINKEDIN_RETRY });
  // Bookkeeping in Postgres retries until it lands: losing a record would lose a step's trace.
  const bookkeeping = { startToCloseTimeout: '30 seconds', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } } as const;
  const timeline = proxyLocalActivities<LeadActivities>(bookkeeping);
  // Runs started before the timeline moved to Postgres replay without these records.
  const recordsWaits = patched('timeline-waits-in-postgres');
  // A lean run reads the thread and the profile, and keeps its books, in local activities (send-spine.ts leanStep).
  const lean = leanStep();
  const db = lean ? localActivities<LeadActivities>(bookkeeping) : proxyActivities<LeadActivities>(bookkeeping);
  const reads = lean ? localActivities<LeadActivities>({ startToCloseTimeout: '1 minute', retry: LINKEDIN_ACTIVITY_RETRY }) : linkedin;
  const pacedReads = lean ? localActivities<LeadActivities>({ startToCloseTimeout: '1 minute', retry: PACED_LINKEDIN_RETRY }) : pacedLinkedin;
  let waitCount = 0;

  // Enrolment time on the workflow clock: messages before it are history, the lead's messages after it are replies.
  const enrolledAt = Date.now();
  // Runs started before a skip won over a pause keep the old order (a pause held the message, the skip was dropped).
  let lead = startLead(input.stopOnReply, patched('skip-wins-over-pause'));
  const apply = (event: LeadEvent) => void (lead = reduceLead(lead, event));
  let indexed: LeadRunStatus = 'active';
  let stepIndex = 0;
  let holdDeadline: number | null = null;
  let lastStepStarted = -1;
  let waiting: LeadRunState['waiting'] = null;
  let profileUrn = input.profileUrn;
  let conversationUrn: string | null = null;
  let lastSend: { stepIndex: number; stepId: string; variantId: string | null; at: number } | null = null;
  let replyRecorded = false;
  const ownOriginTokens: string[] = [];
  const stepsRun: number[] = [];

  const view = (): LeadRunState => ({
    status: statusOf(lead), phase: lead.phase, ending: leadEnding(lead), stepIndex, stepId: steps[stepIndex]?.id ?? null,
    paused: lead.paused, waiting, stepsRun: [...stepsRun], replied: lead.reply !== null,
  });
  answerLeadRequests({ get: () => lead, apply }, view);
  // The account's caps, hold, warm-up or working hours changed: waits for the slot or working hours end and re-plan.
  let accountChanges = 0;
  setHandler(accountChangedSignal, () => void accountChanges++);
  const accountChangedSince = (seen: number) => () => accountChanges !== seen;

  /** What the Web UI shows on the run's page: the step and what the lead waits for (no commands, so replay-safe). */
  const showDetails = () => {
    const step = steps[stepIndex];
    const at = step ? `Step ${stepIndex + 1} of ${steps.length}: \`${step.id}\` (${step.type})` : `After the last of ${steps.length} steps`;
    const until = waiting?.until ? ` until ${new Date(waiting.until).toISOString()}` : '';
    setCurrentDetails(waiting ? `${at}, waiting: ${waiting.reason}${until}` : at);
  };
  /** The `LeadStatus` search attribute, upserted when it changes. */
  const index = (next: LeadRunStatus) => {
    if (next === indexed) return;
    indexed = next;
    upsertSearchAttributes([{ key: SA.LeadStatus, value: next }]);
  };
  /**
   * Every wait of the run: a durable timer (none when `until` is null) that the machine cuts short. Its reason,
   * until when and how it ended go to the lead's timeline in Postgres; the summary names it in the Web UI.
   * True when the machine woke it early.
   */
  const timedWait = async (reason: string, until: number | null, kind: LeadWait, minMs = 1, alsoEnds?: () => boolean): Promise<boolean> => {
    const before = lead.phase;
    if (before !== 'failed') apply({ type: 'phase', phase: kind === 'paused' ? 'paused' : 'waiting' });
    waiting = { reason, until };
    showDetails();
    const record = { ...ref, key: `wait:${workflowInfo().runId}:${++waitCount}`, stepIndex, stepId: steps[stepIndex]?.id ?? null, reason, at: Date.now(), until };
    if (recordsWaits) await timeline.recordLeadWait(record);
    const ends = () => waitIsOver(lead, kind) || (alsoEnds?.() ?? false);
    let woke = true;
    if (until === null) await condition(ends);
    else woke = await condition(ends, Math.max(minMs, until - Date.now()), { summary: `wait:${reason} until ${new Date(until).toISOString()}` });
    // A timer cut short was interrupted; a wait without a timer (a pause) was interrupted only by the lead's end.
    const interrupted = until === null ? leadEnding(lead) !== null : woke;
    if (recordsWaits) await timeline.recordLeadWait({ ...record, ended: interrupted ? 'interrupted' : 'elapsed' });
    waiting = null;
    showDetails();
    if (before !== 'failed' && before !== 'finished') apply({ type: 'phase', phase: before });
    return woke;
  };

  const noteReply = async (): Promise<void> => {
    const reply = lead.reply;
    if (!reply || replyRecorded) return;
    replyRecorded = true;
    await db.recordLeadReplied({
      ...ref, messageUrn: reply.messageUrn, at: reply.at, stepIndex: lastSend?.stepIndex ?? null, stepId: lastSend?.stepId ?? null,
      variantId: lastSend?.variantId ?? null, afterMs: lastSend ? Math.max(0, reply.at - lastSend.at) : null, endsLead: input.stopOnReply, source: reply.source,
    });
  };
  // `pendingToken`: the token of the send about to go out, which an earlier attempt may already have delivered.
  const checkThread = async (pendingToken?: string): Promise<ThreadCheck> => {
    const tokens = pendingToken ? [...ownOriginTokens, pendingToken] : ownOriginTokens;
    const read = (activities: typeof linkedin) =>
      activities.checkLeadThread({ workspaceId: input.workspaceId, accountId: input.accountId, profileUrn: profileUrn!, conversationUrn, since: enrolledAt, ownOriginTokens: tokens });
    const check = pacedAtDelivery() ? await throttleAware(() => read(pacedReads)) : await read(reads);
    if (!check) return { conversationUrn: null, reply: null, manualOutbound: false, priorHistory: false };
    if (check.conversationUrn) conversationUrn = check.conversationUrn;
    if (check.reply) apply({ type: 'reply', reply: { messageUrn: check.reply.messageUrn, at: check.reply.at, source: 'thread_check' } });
    if (check.manualOutbound) apply({ type: 'stop', stop: { state: 'stopped', reason: 'a message was written by hand in the conversation' } });
    return check;
  };

  /**
   * A LinkedIn read of a paced run: throttled (429/999), it waits for the account's hold to end, or for the
   * account to change (an operator lifted the hold), then reads again; Temporal's retry would sleep until the
   * hold's first end (6 hours for a 999) whatever happens meanwhile. Null when the lead ended while it waited.
   */
  const throttleAware = async <T>(read: () => Promise<T>): Promise<T | null> => {
    for (;;) {
      const before = accountChanges;
      try {
        return await read();
      } catch (err) {
        const { code, details } = failureOf(err);
        if (code !== 'LINKEDIN_RATE_LIMITED') throw err;
        const hint = Date.parse(String((details?.[0] as { holdUntil?: unknown } | undefined)?.holdUntil ?? ''));
        // A hold lifted while the read was under way ends this wait at once (the read's answer had set it).
        const seen = changesSeenBeforeAsking() ? before : accountChanges;
        await timedWait('hold', Number.isNaN(hint) ? Date.now() + 60_000 : hint, 'throttled', 1000, accountChangedSince(seen));
        if (leadEnding(lead)) return null;
      }
    }
  };

  const finish = async (end: LeadEnd): Promise<LeadSequenceResult> => {
    apply({ type: 'finished', end });
    await noteReply();
    index(end.status);
    waiting = null;
    await db.finishLead({ ...ref, status: end.status, reason: end.reason });
    try {
      await getExternalWorkflowHandle(campaignWorkflowId(input.campaignId)).signal(campaignLeadFinishedSignal, input.leadId);
    } catch {
      // The coordinator re-counts live leads on its own; a missed nudge only delays completion.
    }
    return { status: end.status, reason: end.reason, stepsRun };
  };

  /** A failed step holds the lead (state failed) until retried, skipped, stopped or the hold runs out. */
  const holdFailedStep = async (step: SequenceStep, err: unknown): Promise<StepOutcome & { type: 'held' | 'failed' }> => {
    const { code, message } = failureOf(err);
    index('failed');
    // Requests from before the failure are cleared before the lead shows as failed: one sent as soon as it does counts.
    apply({ type: 'hold_started' });
    await db.recordLeadStepFailed({ ...ref, stepIndex, stepId: step.id, code, message });
    // One deadline per step, however often the step is tried again.
    const holdUntil = (holdDeadline ??= Date.now() + input.failedStepHoldMs);
    // A dead or flagged session clears when the user reconnects the account: try again every hour by
    // itself (paced by the send queue, so no burst) rather than waiting for a retry of every lead.
    const retriesByItself = ACCOUNT_PROBLEM_CODES.includes(code as ErrorCode);
    let woke = false;
    for (let left = holdUntil - Date.now(); left > 0 && !woke; left = holdUntil - Date.now()) {
      const slice = retriesByItself ? Math.min(input.accountRecheckMs ?? ACCOUNT_RECHECK_MS, left) : left;
      woke = await timedWait(retriesByItself ? 'account' : 'retry', Date.now() + slice, 'hold');
      if (retriesByItself && !woke) {
        apply({ type: 'retry' });
        woke = true;
      }
    }
    if (holdGivesUp(lead, woke)) return { type: 'failed', code, message };
    apply({ type: 'phase', phase: 'active' });
    index('active');
    await db.recordLeadStep({ ...ref, stepIndex, stepId: step.id, status: 'active' });
    const decision = holdResumesWith(lead);
    apply({ type: 'hold_ended' });
    return { type: 'held', decision };
  };

  const runSend = async (step: TypingAndSendStep): Promise<StepOutcome> => {
    const seed = `${input.leadId}:${step.id}`;
    const variant = step.variants ? chooseVariant(step.variants, `${seed}:variant`) : null;
    const rendered = renderTemplate(variant ? variant.template : step.template!, input.attributes, seed);
    const problem = rendered.missing.length ? `no value for ${rendered.missing.map((v) => `{{${v}}}`).join(', ')} and no fallback` : checkMessageLimits({ text: rendered.text });
    // Nothing to send: hold as failed so the user can fix the lead or skip the step.
    if (problem) return holdFailedStep(step, ApplicationFailure.create({ type: 'VALIDATION_FAILED', message: `steps[${stepIndex}].template: ${problem}`, nonRetryable: true }));
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
      apply({ type: 'phase', phase: 'typing' });
      try {
        const outcome = await runSendSpine(send, {
          operationId: leadStepOperationId(workflowId, stepIndex),
          originToken,
          abortReason: () => sendAbortReason(lead),
          waitUntilAllowed: async () => {
            const now = Date.now();
            const at = nextAllowedInstant(input.workingHours, now);
            if (at > now) await timedWait('working_hours', at, 'send', 1, accountChangedSince(accountChanges));
          },
          beforeDeliver: async (prepared: PreparedConversation) => {
            conversationUrn ??= prepared.conversationUrn;
            const check = await checkThread(originToken);
            if (check.priorHistory && ownOriginTokens.length === 0) return 'already_in_conversation';
            return sendAbortReason(lead);
          },
          deliver: (args) => {
            // From here on the message may go out: a skip no longer applies.
            apply({ type: 'phase', phase: 'active' });
            const activities = args.operationId ? pacedLinkedin : linkedin;
            return activities.deliverLeadMessage({ ...args, readBackFirst: readBackFirst || (args.readBackFirst ?? false) });
          },
          onWait: (reason, until) => {
            waiting = { reason, until };
          },
          // Runs started before the timeline moved to Postgres keep the spine's own timer.
          ...(recordsWaits ? { waitForSlot: async (reason: string, until: number, changed?: () => boolean) => void (await timedWait(reason, until, 'send', 1000, changed ?? accountChangedSince(accountChanges))) } : {}),
          accountChanges: () => accountChanges,
          attempted: readBackFirst,
          lean,
          spreadUntil: () => windowClosesAt(input.workingHours, Date.now()),
        });
        waiting = null;
        apply({ type: 'phase', phase: 'active' });
        if (!outcome.sent) {
          if (outcome.reason === 'skipped') apply({ type: 'skip_spent' });
          return { type: 'send_aborted', reason: outcome.reason };
        }
        ownOriginTokens.push(outcome.originToken);
        conversationUrn = outcome.result.conversationUrn;
        lastSend = { stepIndex, stepId: step.id, variantId: variant?.id ?? null, at: outcome.result.deliveredAt };
        stepsRun.push(stepIndex);
        await db.recordLeadSent({ ...ref, stepIndex, stepId: step.id, variantId: variant?.id ?? null, result: outcome.result, profileUrn: profileUrn! });
        return { type: 'done' };
      } catch (err) {
        const held = await holdFailedStep(step, err);
        if (held.type === 'failed' || held.decision === 'skip') return held;
        readBackFirst = true;
      }
    }
  };

  const invitations = invitationSteps({
    input, workflowId, linkedin, lead: () => lead, apply, stepIndex: () => stepIndex, profileUrn: () => profileUrn!,
    ran: () => void stepsRun.push(stepIndex), timedWait, holdFailedStep,
  });

  const runStep = async (step: SequenceStep): Promise<StepOutcome> => {
    switch (step.type) {
      case 'connect':
        return invitations.connect(step);
      case 'wait_for_acceptance':
        return invitations.waitForAcceptance(step);
      case 'typing_and_send':
        return runSend(step);
      case 'wait': {
        const now = Date.now();
        const until = step.businessDays !== undefined ? addBusinessDays(input.workingHours, now, step.businessDays) : now + (parseDuration(step.duration) ?? 0);
        await timedWait(step.businessDays !== undefined ? 'business_days' : 'wait_step', until, 'step');
        apply({ type: 'skip_spent' });
        stepsRun.push(stepIndex);
        return { type: 'done' };
      }
      case 'wait_for_reply': {
        await timedWait('reply', Date.now() + (parseDuration(step.timeout) ?? 0), 'reply');
        // Timed out: one last look at the thread, in case a reply has not reached the inbox sync yet. A look that
        // fails (an expired session) holds the step like a failed send; runs started before fail the lead.
        while (looksAgainAfterReplyWait(lead) && profileUrn) {
          try {
            await checkThread();
            break;
          } catch (err) {
            if (!patched('reply-check-holds')) throw err;
            const held = await holdFailedStep(step, err);
            if (held.type === 'failed') return held;
            if (held.decision === 'skip') break;
          }
        }
        apply({ type: 'skip_spent' });
        stepsRun.push(stepIndex);
        return { type: 'reply_wait_over' };
      }
      case 'mark_seen':
        if (conversationUrn) {
          try {
            await linkedin.markLeadSeen({ workspaceId: input.workspaceId, accountId: input.accountId, conversationUrn });
          } catch (err) {
            const held = await holdFailedStep(step, err);
            if (held.type === 'failed' || held.decision === 'retry') return held;
          }
        }
        stepsRun.push(stepIndex);
        return { type: 'done' };
      case 'branch':
        stepsRun.push(stepIndex);
        return { type: 'branched' };
      case 'end':
        stepsRun.push(stepIndex);
        return { type: 'end_step' };
    }
  };

  if (!profileUrn) {
    try {
      profileUrn = await reads.resolveLeadProfile({ ...ref, accountId: input.accountId, profileRef: input.profileRef });
    } catch (err) {
      return finish({ status: 'failed', reason: `could not resolve ${input.profileRef}: ${failureOf(err).message}` });
    }
  }

  while (stepIndex < steps.length) {
    // The gate: no new step starts while paused; a stop or a reply (with stop-on-reply) ends the lead here.
    if (pausesBeforeStep(lead)) {
      index('paused');
      await timedWait('paused', null, 'paused');
      index('active');
    }
    await noteReply();
    const ending = leadEnding(lead);
    if (ending) return finish(ending);
    apply({ type: 'step_started' });
    if (stepIndex !== lastStepStarted) holdDeadline = null;
    lastStepStarted = stepIndex;

    const step = steps[stepIndex]!;
    upsertSearchAttributes([{ key: SA.SequenceStep, value: step.id }]);
    showDetails();
    await db.recordLeadStep({ ...ref, stepIndex, stepId: step.id, status: 'active' });
    const outcome = await runStep(step);
    // Decided on the machine as the step left it (a reply or a stop may have come in meanwhile).
    const next = nextStep(lead, outcome, { steps, index: stepIndex, attributes: input.attributes });
    if ('end' in next) return finish(next.end);
    stepIndex = next.next;
  }
  // Signal handlers may have set a stop while the last step ran.
  return finish(endAfterLastStep(lead));
}
