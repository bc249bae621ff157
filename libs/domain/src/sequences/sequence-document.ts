/** Where a step continues: the next step, the end of the sequence, or a later step by id. */
export type StepTarget = 'next' | 'end' | (string & {});

export interface MessageVariant {
  /** Shown in stats, e.g. "A" or "short-intro". */
  id: string;
  /** Relative weight, default 1. */
  weight?: number;
  template: string;
}

/** Typing indicator, then one message: `template`, or one of weighted A/B `variants`. */
export interface TypingAndSendStep {
  type: 'typing_and_send';
  id: string;
  template?: string;
  variants?: MessageVariant[];
  /** Show the typing indicator first (default true). */
  typing?: boolean;
}

/** Waits a duration (`"3d"`, `"90s"`), or a number of business days in the sender's working hours. */
export interface WaitStep {
  type: 'wait';
  id: string;
  duration?: string | number;
  businessDays?: number;
}

/** Waits for a reply up to `timeout`, then continues at `onTimeout` (default next); a reply goes to `onReply`. */
export interface WaitForReplyStep {
  type: 'wait_for_reply';
  id: string;
  timeout: string | number;
  onReply?: StepTarget;
  onTimeout?: StepTarget;
}

/**
 * An invitation to connect, with an optional note template (variables, fallbacks, spintax). A lead who is
 * already a connection goes straight to the next step. `onNoteUnavailable`: when LinkedIn will not take
 * the note (longer than the account may send, or a free account's monthly notes used up), send the
 * invitation without it (default) or skip the step. `onRefused`: where a lead goes when LinkedIn refuses
 * to invite this person (invited recently, not invitable); default `end` (the lead ends as skipped).
 */
export interface ConnectStep {
  type: 'connect';
  id: string;
  note?: string;
  onNoteUnavailable?: 'send_without_note' | 'skip';
  onRefused?: StepTarget;
}

/**
 * Waits until the lead accepts the invitation, up to `timeout`; accepted goes to `onAccepted` (default next),
 * a timeout to `onTimeout` (default `end`: the lead ends as skipped; or another step, e.g. an InMail). A reply
 * still stops the lead.
 */
export interface WaitForAcceptanceStep {
  type: 'wait_for_acceptance';
  id: string;
  timeout: string | number;
  onAccepted?: StepTarget;
  onTimeout?: StepTarget;
}

export interface MarkSeenStep {
  type: 'mark_seen';
  id: string;
}

export type BranchCondition =
  | { type: 'replied' }
  | { type: 'not_replied' }
  | { type: 'attribute'; attribute: string; equals?: string; exists?: boolean };

export interface BranchStep {
  type: 'branch';
  id: string;
  condition: BranchCondition;
  then: StepTarget;
  else: StepTarget;
}

export interface EndStep {
  type: 'end';
  id: string;
}

export type SequenceStep = TypingAndSendStep | WaitStep | WaitForReplyStep | ConnectStep | WaitForAcceptanceStep | MarkSeenStep | BranchStep | EndStep;
export type SequenceStepType = SequenceStep['type'];

export const SEQUENCE_STEP_TYPES: readonly SequenceStepType[] = ['typing_and_send', 'wait', 'wait_for_reply', 'connect', 'wait_for_acceptance', 'mark_seen', 'branch', 'end'];

/** A sequence: an ordered list of steps; branches only jump forward, so every run ends. */
export interface SequenceDocument {
  steps: SequenceStep[];
}

/** Index of the step a target names after step `from`; `steps.length` means the end. */
export function resolveTarget(steps: readonly SequenceStep[], from: number, target: StepTarget | undefined): number {
  if (target === undefined || target === 'next') return from + 1;
  if (target === 'end') return steps.length;
  const index = steps.findIndex((s) => s.id === target);
  return index < 0 ? steps.length : index;
}
