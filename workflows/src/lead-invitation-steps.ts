import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { LeadActivities, LeadSequenceInput } from '../../libs/contracts/src/sequences';
import { leadInvitationAcceptedSignal } from '../../libs/contracts/src/sequences';
import { nextAllowedInstant } from '../../libs/domain/src/schedule/working-hours';
import { parseDuration } from '../../libs/domain/src/sequences/duration';
import { leadEnding, sendAbortReason, type LeadEvent, type LeadMachine, type LeadWait, type StepOutcome } from '../../libs/domain/src/sequences/lead-machine';
import type { ConnectStep, SequenceStep, WaitForAcceptanceStep } from '../../libs/domain/src/sequences/sequence-document';
import { leadStepOperationId } from '../../libs/domain/src/sequences/sequence-ids';
import { renderTemplate } from '../../libs/domain/src/sequences/template';

/** What the connect steps use of the lead workflow: its input, its machine, and its waits and holds. */
export interface InvitationStepContext {
  input: LeadSequenceInput;
  workflowId: string;
  linkedin: Pick<LeadActivities, 'sendLeadInvitation' | 'checkLeadConnected'>;
  lead(): LeadMachine;
  apply(event: LeadEvent): void;
  stepIndex(): number;
  profileUrn(): string;
  /** The step ran (for `stepsRun`). */
  ran(): void;
  timedWait(reason: string, until: number | null, kind: LeadWait, minMs?: number): Promise<boolean>;
  holdFailedStep(step: SequenceStep, err: unknown): Promise<StepOutcome & { type: 'held' | 'failed' }>;
}

/**
 * The `connect` and `wait_for_acceptance` steps of a lead's run. The acceptance signal (sent by the
 * worker's acceptance check) is handled from the start of the run, so one that arrives before the wait
 * step begins is not lost.
 */
export function invitationSteps(ctx: InvitationStepContext) {
  setHandler(leadInvitationAcceptedSignal, () => ctx.apply({ type: 'connected' }));
  const { input } = ctx;

  /** An invitation with the rendered note; waits out working hours, the invitation budget and LinkedIn's weekly-cap hold. */
  const connect = async (step: ConnectStep): Promise<StepOutcome> => {
    const stepIndex = ctx.stepIndex();
    let note: string | null = null;
    if (step.note) {
      const rendered = renderTemplate(step.note, input.attributes, `${input.leadId}:${step.id}`);
      if (rendered.missing.length) {
        const problem = `no value for ${rendered.missing.map((v) => `{{${v}}}`).join(', ')} and no fallback`;
        return ctx.holdFailedStep(step, ApplicationFailure.create({ type: 'VALIDATION_FAILED', message: `steps[${stepIndex}].note: ${problem}`, nonRetryable: true }));
      }
      note = rendered.text.trim() ? rendered.text : null;
    }
    for (;;) {
      const abort = sendAbortReason(ctx.lead());
      if (abort) {
        if (abort === 'skipped') ctx.apply({ type: 'skip_spent' });
        return { type: 'send_aborted', reason: abort };
      }
      const now = Date.now();
      const open = nextAllowedInstant(input.workingHours, now);
      if (open > now) {
        await ctx.timedWait('working_hours', open, 'send');
        continue;
      }
      let outcome;
      try {
        outcome = await ctx.linkedin.sendLeadInvitation({
          workspaceId: input.workspaceId, campaignId: input.campaignId, leadId: input.leadId, accountId: input.accountId, profileUrn: ctx.profileUrn(),
          stepIndex, stepId: step.id, operationId: leadStepOperationId(ctx.workflowId, stepIndex), workflowId: ctx.workflowId, note,
          noteFallback: step.onNoteUnavailable === 'skip' ? 'skip' : 'without_note',
        });
      } catch (err) {
        const held = await ctx.holdFailedStep(step, err);
        if (held.type === 'failed' || held.decision === 'skip') return held;
        continue;
      }
      switch (outcome.status) {
        case 'wait':
          // The daily/weekly budget, the member's spacing, or LinkedIn's weekly cap holding this account's invitations (messages go on).
          await ctx.timedWait(outcome.reason === 'hold' ? 'invitations_hold' : outcome.reason, outcome.notBefore, 'send', 1000);
          continue;
        case 'already_connected':
          ctx.apply({ type: 'connected' });
          ctx.ran();
          return { type: 'done' };
        case 'sent':
        case 'already_invited':
          ctx.ran();
          return { type: 'done' };
        case 'refused':
          ctx.ran();
          // The note could not go and the step says skip: on to the next step without an invitation.
          if (outcome.code === 'INVITATION_NOTE_UNAVAILABLE') return { type: 'done' };
          return { type: 'jump', target: step.onRefused ?? 'end', reason: `LinkedIn refused the invitation (${outcome.code})` };
      }
    }
  };

  /** Until the lead accepts (signal, or one last look at LinkedIn's connections at the timeout), then a branch. */
  const waitForAcceptance = async (step: WaitForAcceptanceStep): Promise<StepOutcome> => {
    if (!ctx.lead().connected) {
      await ctx.timedWait('acceptance', Date.now() + (parseDuration(step.timeout) ?? 0), 'acceptance');
      const m = ctx.lead();
      if (!m.connected && !m.skip && !leadEnding(m)) {
        try {
          const check = await ctx.linkedin.checkLeadConnected({ workspaceId: input.workspaceId, accountId: input.accountId, profileUrn: ctx.profileUrn() });
          if (check.connected) ctx.apply({ type: 'connected' });
        } catch {
          // The scheduled check decides next time; this run goes by what it knows.
        }
      }
    }
    const skipped = ctx.lead().skip;
    ctx.apply({ type: 'skip_spent' });
    ctx.ran();
    if (ctx.lead().connected) return { type: 'jump', target: step.onAccepted ?? 'next', reason: 'the invitation was accepted' };
    if (skipped || leadEnding(ctx.lead())) return { type: 'done' };
    return { type: 'jump', target: step.onTimeout ?? 'end', reason: `the invitation was not accepted within ${String(step.timeout)}` };
  };

  return { connect, waitForAcceptance };
}
