import type { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Payload = temporal.api.common.v1.IPayload;
type Long = { toString(): string } | number | string | null | undefined;

/** One line of a lead's timeline: what happened, when, in which step, and for waits why and until when. */
export interface TimelineEntry {
  at: string;
  type: string;
  stepId: string | null;
  /** Waits: working_hours, quota, hold, typing, wait_step, business_days, reply, retry. */
  reason?: string;
  durationMs?: number;
  until?: string;
  /** Waits: `elapsed` when the timer fired, `interrupted` when a reply, stop, skip or pause ended it early. */
  ended?: 'elapsed' | 'interrupted';
  detail?: Record<string, unknown>;
}

const ACTIVITY_ENTRIES: Record<string, string> = {
  resolveLeadProfile: 'profile_resolved',
  acquireSendSlot: 'send_slot_requested',
  showTyping: 'typing',
  checkLeadThread: 'thread_checked',
  deliverLeadMessage: 'sending',
  recordLeadSent: 'sent',
  recordLeadReplied: 'replied',
  recordLeadStepFailed: 'step_failed',
  markLeadSeen: 'marked_seen',
  finishLead: 'finished',
};

const SIGNAL_ENTRIES: Record<string, string> = {
  leadReply: 'reply_received',
  leadPause: 'paused',
  leadResume: 'resumed',
  leadStop: 'stop_requested',
  leadSkipStep: 'skip_requested',
  leadRetryStep: 'retry_requested',
};

const ms = (ts: { seconds?: Long; nanos?: number | null } | null | undefined): number =>
  ts ? Number(String(ts.seconds ?? 0)) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6) : 0;

/** What an activity's input or result says that a reader of the timeline wants to see. */
function summarise(type: string, value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  switch (type) {
    case 'sent':
      return { variantId: v.variantId ?? null, messageUrn: (v.result as Record<string, unknown> | undefined)?.messageUrn ?? null };
    case 'replied':
      return { messageUrn: v.messageUrn, afterMs: v.afterMs };
    case 'step_failed':
      return { code: v.code, message: v.message };
    case 'finished':
      return { status: v.status, reason: v.reason };
    case 'send_slot_result':
      return v.granted ? { granted: true } : { granted: false, reason: v.reason, notBefore: typeof v.notBefore === 'number' ? new Date(v.notBefore).toISOString() : null };
    case 'thread_check_result':
      return { replied: v.reply !== null, manualOutbound: v.manualOutbound, priorHistory: v.priorHistory };
    case 'reply_received':
      return { source: v.source, messageUrn: v.messageUrn };
    case 'stop_requested':
      return { state: v.state, reason: v.reason };
    default:
      return undefined;
  }
}

/**
 * A lead's timeline read from its workflow history: steps started (SequenceStep upserts), every
 * wait with its reason (the timer's summary) and whether it ran out or was cut short, every
 * LinkedIn action and signal. Pure: the caller fetches the history and decodes payloads.
 */
export function leadTimelineFromHistory(events: readonly HistoryEvent[], decode: (payload: Payload) => unknown): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const timers = new Map<string, TimelineEntry>();
  const activities = new Map<string, { entry: TimelineEntry | null; type: string }>();
  let stepId: string | null = null;
  const first = (payloads: { payloads?: Payload[] | null } | null | undefined): unknown => (payloads?.payloads?.[0] ? decode(payloads.payloads[0]) : undefined);
  const push = (at: number, type: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => {
    const entry: TimelineEntry = { at: new Date(at).toISOString(), type, stepId, ...extra };
    entries.push(entry);
    return entry;
  };

  for (const e of events) {
    const at = ms(e.eventTime);
    if (e.workflowExecutionStartedEventAttributes) push(at, 'enrolled');
    else if (e.upsertWorkflowSearchAttributesEventAttributes) {
      const fields = e.upsertWorkflowSearchAttributesEventAttributes.searchAttributes?.indexedFields ?? {};
      if (fields.SequenceStep) {
        const value = decode(fields.SequenceStep);
        stepId = String(Array.isArray(value) ? value[0] : value);
        push(at, 'step_started');
      }
      if (fields.LeadStatus) {
        const value = decode(fields.LeadStatus);
        push(at, 'status_changed', { detail: { status: Array.isArray(value) ? value[0] : value } });
      }
    } else if (e.timerStartedEventAttributes) {
      const summary = e.userMetadata?.summary ? decode(e.userMetadata.summary) : null;
      const durationMs = ms(e.timerStartedEventAttributes.startToFireTimeout);
      // Summaries read "wait:<reason> until <ISO instant>" (the exact instant the workflow aimed at).
      const match = typeof summary === 'string' ? /^wait:(\S+)(?: until (\S+))?$/.exec(summary) : null;
      const reason = match ? match[1]! : typeof summary === 'string' ? summary : 'timer';
      const until = match?.[2] ?? new Date(at + durationMs).toISOString();
      const entry = push(at, 'waited', { reason, durationMs, until });
      timers.set(String(e.timerStartedEventAttributes.timerId), entry);
    } else if (e.timerFiredEventAttributes) {
      const entry = timers.get(String(e.timerFiredEventAttributes.timerId));
      if (entry) entry.ended = 'elapsed';
    } else if (e.timerCanceledEventAttributes) {
      const entry = timers.get(String(e.timerCanceledEventAttributes.timerId));
      if (entry) entry.ended = 'interrupted';
    } else if (e.activityTaskScheduledEventAttributes) {
      const name = e.activityTaskScheduledEventAttributes.activityType?.name ?? '';
      const type = ACTIVITY_ENTRIES[name];
      const entry = type ? push(at, type, { detail: summarise(type, first(e.activityTaskScheduledEventAttributes.input)) }) : null;
      activities.set(String(e.eventId), { entry, type: name });
    } else if (e.activityTaskCompletedEventAttributes) {
      const scheduled = activities.get(String(e.activityTaskCompletedEventAttributes.scheduledEventId));
      if (scheduled?.entry && (scheduled.type === 'acquireSendSlot' || scheduled.type === 'checkLeadThread')) {
        scheduled.entry.detail = summarise(scheduled.type === 'acquireSendSlot' ? 'send_slot_result' : 'thread_check_result', first(e.activityTaskCompletedEventAttributes.result));
      }
    } else if (e.activityTaskFailedEventAttributes) {
      const scheduled = activities.get(String(e.activityTaskFailedEventAttributes.scheduledEventId));
      if (scheduled?.entry) scheduled.entry.detail = { ...scheduled.entry.detail, failed: e.activityTaskFailedEventAttributes.failure?.message ?? 'failed' };
    } else if (e.workflowExecutionSignaledEventAttributes) {
      const name = e.workflowExecutionSignaledEventAttributes.signalName ?? '';
      const type = SIGNAL_ENTRIES[name] ?? `signal:${name}`;
      push(at, type, { detail: summarise(type, first(e.workflowExecutionSignaledEventAttributes.input)) });
    } else if (e.workflowExecutionCompletedEventAttributes) {
      const result = first(e.workflowExecutionCompletedEventAttributes.result) as { status?: string; reason?: string } | undefined;
      push(at, 'run_completed', { detail: { status: result?.status ?? null, reason: result?.reason ?? null } });
    } else if (e.workflowExecutionFailedEventAttributes || e.workflowExecutionTerminatedEventAttributes) {
      push(at, 'run_ended', { detail: { how: e.workflowExecutionFailedEventAttributes ? 'failed' : 'terminated' } });
    }
  }
  return entries;
}
