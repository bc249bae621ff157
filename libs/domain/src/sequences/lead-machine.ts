import { resolveTarget, type SequenceStep, type StepTarget } from './sequence-document';
import { evaluateCondition } from './validate-sequence';

// The lead's decisions, as pure functions of what its run knows: which requests it received (pause, stop,
// skip, retry, a reply) and where it is. The lead workflow holds one `LeadMachine`, feeds it every signal,
// update and thread check, and asks it what ends a wait, when a send is held back and where to go next.

/** Where a lead's run stands; also the `LeadStatus` search attribute. */
export type LeadRunStatus = 'active' | 'paused' | 'failed' | 'replied' | 'completed' | 'stopped' | 'skipped' | 'cancelled';
export type LeadFinalStatus = Exclude<LeadRunStatus, 'active' | 'paused'>;

/**
 * What the run is doing: `active` (running a step's calls), `paused` (held before its next step),
 * `waiting` (on a timer: a wait step, a reply, working hours, a send slot), `typing` (a message that has
 * not gone out yet), `failed` (holding on a failed step), `finished`.
 */
export type LeadPhase = 'active' | 'paused' | 'waiting' | 'typing' | 'failed' | 'finished';

/** A reply from the lead (reply router or thread check); the first one counts. */
export interface LeadReply {
  messageUrn: string;
  /** Epoch ms of the reply. */
  at: number;
  source: 'inbox_sync' | 'thread_check';
}

/** A request to end the lead: stopped (per-lead stop, a message written by hand) or cancelled (campaign cancel). */
export interface LeadStop {
  state: 'stopped' | 'cancelled';
  reason: string;
}

export interface LeadEnd {
  status: LeadFinalStatus;
  reason: string | null;
}

export interface LeadMachine {
  readonly stopOnReply: boolean;
  /** A skip drops a message that a pause holds back (runs started before this rule hold it, and keep the skip for later). */
  readonly skipWinsOverPause: boolean;
  readonly phase: LeadPhase;
  readonly paused: boolean;
  readonly stop: LeadStop | null;
  readonly reply: LeadReply | null;
  /** A skip of the current step, not yet carried out. */
  readonly skip: boolean;
  /** A retry of the failed step, not yet carried out. */
  readonly retry: boolean;
  readonly end: LeadEnd | null;
  /** The lead is a 1st-degree connection of the sender (accepted the connect step's invitation, or was one). */
  readonly connected?: boolean;
}

/** The controls a user sends to one lead (workflow updates, answered with what the run did). */
export type LeadControl = 'stop' | 'skip' | 'retry';

export type LeadEvent =
  // Requests: signals, updates and what a thread check found. Signals set their flag in any state (a
  // signal cannot be refused); the updates are checked with `controlRefusal` first.
  | { type: 'reply'; reply: LeadReply }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop'; stop: LeadStop }
  | { type: 'skip' }
  | { type: 'retry' }
  /** The lead accepted the invitation (or was a connection already): an acceptance wait is over. */
  | { type: 'connected' }
  // Progress, reported by the workflow.
  | { type: 'phase'; phase: Exclude<LeadPhase, 'finished'> }
  /** A step starts: a skip that arrived too late for the previous step is dropped. */
  | { type: 'step_started' }
  /** The current step ended early because of the skip. */
  | { type: 'skip_spent' }
  /** A step failed: requests from before the failure do not count. */
  | { type: 'hold_started' }
  | { type: 'hold_ended' }
  | { type: 'finished'; end: LeadEnd };

export function startLead(stopOnReply: boolean, skipWinsOverPause = true): LeadMachine {
  return { stopOnReply, skipWinsOverPause, phase: 'active', paused: false, stop: null, reply: null, skip: false, retry: false, end: null, connected: false };
}

const PROGRESS: ReadonlySet<LeadEvent['type']> = new Set(['phase', 'step_started', 'skip_spent', 'hold_started', 'hold_ended', 'finished']);

export function reduceLead(m: LeadMachine, e: LeadEvent): LeadMachine {
  // A finished run no longer moves; requests that still arrive change nothing that matters.
  if (m.phase === 'finished' && PROGRESS.has(e.type)) return m;
  switch (e.type) {
    case 'reply':
      return m.reply ? m : { ...m, reply: e.reply };
    case 'connected':
      return m.connected ? m : { ...m, connected: true };
    case 'pause':
      return { ...m, paused: true };
    case 'resume':
      return { ...m, paused: false };
    case 'stop':
      return m.stop ? m : { ...m, stop: e.stop };
    case 'skip':
      return { ...m, skip: true };
    case 'retry':
      return { ...m, retry: true };
    case 'phase':
      return { ...m, phase: e.phase };
    case 'step_started':
      return { ...m, phase: 'active', skip: false };
    case 'skip_spent':
      return { ...m, skip: false };
    case 'hold_started':
      return { ...m, phase: 'failed', skip: false, retry: false };
    case 'hold_ended':
      return { ...m, phase: 'active', skip: false, retry: false };
    case 'finished':
      return { ...m, phase: 'finished', end: e.end };
  }
}

/** What the lead ends as at its next step boundary: a stop first, then a reply when replies stop the lead. */
export function leadEnding(m: LeadMachine): LeadEnd | null {
  if (m.stop) return { status: m.stop.state, reason: m.stop.reason };
  if (m.reply && m.stopOnReply) return { status: 'replied', reason: 'the lead replied' };
  return null;
}

/**
 * Why a message that has not gone out yet is held back (checked while waiting, typing, and right before the
 * send): a stop, a reply, then a skip (the step ends) before a pause (the step runs again on resume).
 */
export function sendAbortReason(m: LeadMachine): string | null {
  if (m.stop) return m.stop.state;
  if (m.reply && m.stopOnReply) return 'replied';
  if (m.skip && (m.skipWinsOverPause || !m.paused)) return 'skipped';
  return m.paused ? 'paused' : m.skip ? 'skipped' : null;
}

/** The waits of a run: a wait step, a wait for a reply, a failed step's hold, a pause before a step, a wait inside a send. */
export type LeadWait = 'step' | 'reply' | 'hold' | 'paused' | 'send' | 'acceptance' | 'throttled';

/** What ends each wait early. A wait keeps running while paused; only a send is held back by a pause. */
export function waitIsOver(m: LeadMachine, wait: LeadWait): boolean {
  switch (wait) {
    case 'step':
      return leadEnding(m) !== null || m.skip;
    case 'reply':
      return m.reply !== null || leadEnding(m) !== null || m.skip;
    case 'hold':
      return m.retry || m.skip || m.stop !== null;
    case 'paused':
      return !m.paused || leadEnding(m) !== null;
    case 'send':
      return sendAbortReason(m) !== null;
    case 'acceptance':
      return m.connected === true || leadEnding(m) !== null || m.skip;
    case 'throttled':
      // A read LinkedIn throttled waits for the account's hold; only the lead's end cuts it short (the account's change too, in the shell).
      return leadEnding(m) !== null;
  }
}

/** A paused lead waits before its next step, unless it is ending anyway. */
export function pausesBeforeStep(m: LeadMachine): boolean {
  return m.paused && leadEnding(m) === null;
}

/** Whether a wait for a reply that timed out takes one last look at the thread (nothing else ended it). */
export function looksAgainAfterReplyWait(m: LeadMachine): boolean {
  return !m.reply && !m.stop && !m.skip;
}

/** A failed step's hold gives up when it ran out (nothing woke it) or a stop woke it. */
export function holdGivesUp(m: LeadMachine, woke: boolean): boolean {
  return !woke || m.stop !== null;
}

/** Otherwise the step is retried or skipped; a retry wins when both arrived. */
export function holdResumesWith(m: LeadMachine): 'retry' | 'skip' {
  return m.retry ? 'retry' : 'skip';
}

/** The status the run reports (query and update answers): a pending skip or retry of a failed step already counts as active. */
export function statusOf(m: LeadMachine): LeadRunStatus {
  if (m.end) return m.end.status;
  if (m.phase === 'failed') return m.retry || m.skip ? 'active' : 'failed';
  if (m.phase === 'paused' && m.paused) return 'paused';
  return 'active';
}

/**
 * Why a control does not apply to the run now, or null when it does. Stop applies to any live run; skip
 * to a step that is waiting, typing a message that has not gone out, or holding on a failure; retry only
 * to a failed step. A repeated control that is still pending is accepted again (it changes nothing).
 */
export function controlRefusal(m: LeadMachine, control: LeadControl): string | null {
  if (m.end) return `The lead's run has ended (${m.end.status}); ${control} applies to a live lead.`;
  if (control === 'stop') return null;
  const ending = leadEnding(m);
  if (ending) return `The lead is ending (${ending.status}): nothing to ${control}.`;
  if (control === 'retry') {
    if (m.phase !== 'failed') return `The lead is ${statusOf(m)}, not holding on a failed step; retry applies to a failed step only.`;
    if (m.skip) return 'A skip of the failed step is already under way.';
    return null;
  }
  switch (m.phase) {
    case 'failed':
      return m.retry ? 'A retry of the failed step is already under way.' : null;
    case 'waiting':
    case 'typing':
      // In a run that lets a pause win, a skip accepted now would be dropped at the next step.
      return m.paused && !m.skipWinsOverPause ? 'The lead is paused and holds its message back; resume the campaign, then skip.' : null;
    case 'paused':
      return 'The lead is paused before its next step; resume the campaign first.';
    default:
      return 'The lead is between steps (its step is running calls that cannot be undone); skip applies while it waits, types a message that has not gone out, or holds on a failed step. Try again in a moment.';
  }
}

/** How a step ended, as the workflow saw it. */
export type StepOutcome =
  /** A send, a wait, a mark_seen: on to the next step. */
  | { type: 'done' }
  /** A message held back before it went out (`sendAbortReason`, or `already_in_conversation`). */
  | { type: 'send_aborted'; reason: string }
  | { type: 'reply_wait_over' }
  | { type: 'branched' }
  | { type: 'end_step' }
  /** A step that chose where the lead goes (connect refused, wait_for_acceptance over). */
  | { type: 'jump'; target: StepTarget; reason: string }
  /** A failed step whose hold ended in a retry or a skip. */
  | { type: 'held'; decision: 'retry' | 'skip' }
  /** A failed step given up on. */
  | { type: 'failed'; code: string; message: string };

export interface StepContext {
  steps: SequenceStep[];
  index: number;
  attributes: Record<string, unknown>;
}

/** The next step index after a step's outcome, or how the lead ends. */
export function nextStep(m: LeadMachine, outcome: StepOutcome, at: StepContext): { next: number } | { end: LeadEnd } {
  const { steps, index } = at;
  const step = steps[index]!;
  switch (outcome.type) {
    case 'done':
      return { next: index + 1 };
    case 'send_aborted':
      if (outcome.reason === 'already_in_conversation') return { end: { status: 'skipped', reason: 'already in a conversation with this person' } };
      // Skipped: the step is over. Paused, replied, stopped: the step did not happen; the gate decides (resume re-runs it).
      return { next: outcome.reason === 'skipped' ? index + 1 : index };
    case 'reply_wait_over':
      if (step.type !== 'wait_for_reply' || leadEnding(m)) return { next: index + 1 };
      return { next: m.reply ? resolveTarget(steps, index, step.onReply ?? 'end') : resolveTarget(steps, index, step.onTimeout) };
    case 'branched':
      if (step.type !== 'branch') return { next: index + 1 };
      return { next: resolveTarget(steps, index, evaluateCondition(step.condition, { replied: m.reply !== null, attributes: at.attributes }) ? step.then : step.else) };
    case 'end_step':
      return { next: steps.length };
    case 'jump':
      if (leadEnding(m)) return { next: index + 1 };
      // "end" from a connect or acceptance wait: the lead never got to the messages, so it ends as skipped.
      if (outcome.target === 'end') return { end: { status: 'skipped', reason: outcome.reason } };
      return { next: resolveTarget(steps, index, outcome.target) };
    case 'held':
      return { next: outcome.decision === 'retry' ? index : index + 1 };
    case 'failed':
      return { end: m.stop ? { status: m.stop.state, reason: m.stop.reason } : { status: 'failed', reason: `${outcome.code}: ${outcome.message}` } };
  }
}

/** How the lead ends after its last step: a stop, else replied or completed. */
export function endAfterLastStep(m: LeadMachine): LeadEnd {
  if (m.stop) return { status: m.stop.state, reason: m.stop.reason };
  return m.reply ? { status: 'replied', reason: 'the lead replied' } : { status: 'completed', reason: null };
}
