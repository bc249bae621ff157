import type { LeadEventEntity } from '@threadline/db';

/** One line of a lead's timeline: what happened, when, in which step, and for waits why and until when. */
export interface TimelineEntry {
  at: string;
  type: string;
  stepId: string | null;
  /** Waits: working_hours, quota, hold, wait_step, business_days, reply, retry, account, paused. */
  reason?: string;
  durationMs?: number;
  until?: string;
  /** Waits: `elapsed` when the timer fired (or a pause was resumed), `interrupted` when a reply, stop, skip or pause ended it early; absent while it lasts. */
  ended?: 'elapsed' | 'interrupted';
  detail?: Record<string, unknown>;
}

type TimelineEvent = Pick<LeadEventEntity, 'type' | 'eventKey' | 'stepId' | 'at' | 'data'>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The entry one recorded event shows; the lead's end is recorded under the key `finished`. */
function entryOf(event: TimelineEvent): TimelineEntry {
  const at = event.at.toISOString();
  const base = { at, stepId: event.stepId };
  const d = event.data;
  if (event.eventKey === 'finished') return { ...base, type: 'run_completed', stepId: null, detail: { status: d.status ?? event.type, reason: d.reason ?? null } };
  switch (event.type) {
    case 'waited': {
      const until = str(d.until);
      const entry: TimelineEntry = { ...base, type: 'waited', reason: str(d.reason) ?? 'timer' };
      if (until) Object.assign(entry, { durationMs: Math.max(0, Date.parse(until) - event.at.getTime()), until });
      if (d.ended === 'elapsed' || d.ended === 'interrupted') entry.ended = d.ended;
      return entry;
    }
    case 'sent':
      return { ...base, type: 'sent', detail: { variantId: d.variantId ?? null, messageUrn: d.messageUrn ?? null } };
    case 'replied':
      return { ...base, type: 'replied', detail: { messageUrn: d.messageUrn, afterMs: d.afterMs ?? null, source: d.source ?? null } };
    case 'failed':
      return { ...base, type: 'step_failed', detail: { code: d.code, message: d.message } };
    case 'enrolled':
    case 'step_started':
      return { ...base, type: event.type };
    default:
      // Controls: paused, resumed, stop_requested, skip_requested, retry_requested (by the campaign or the API).
      return { ...base, type: event.type, detail: d };
  }
}

/**
 * A lead's timeline, read from its `lead_events` rows, oldest first (written by the activities and services that
 * hold each fact), never by decoding the run's history: steps started, every wait with its reason,
 * until when and how it ended, sends, replies, failures, controls, and the end of the run.
 */
export function leadTimelineFromEvents(events: readonly TimelineEvent[]): TimelineEntry[] {
  return events.map(entryOf);
}
