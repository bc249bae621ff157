import type { LeadEventEntity } from '@threadline/db';
import { leadTimelineFromEvents } from './lead-timeline';

const t0 = Date.parse('2026-03-09T12:00:00.000Z');
const event = (s: number, type: LeadEventEntity['type'], fields: Partial<Pick<LeadEventEntity, 'eventKey' | 'stepId' | 'data'>> = {}) =>
  ({ at: new Date(t0 + s * 1000), type, eventKey: fields.eventKey ?? `${type}:${s}`, stepId: fields.stepId ?? null, data: fields.data ?? {} }) as LeadEventEntity;

describe('leadTimelineFromEvents', () => {
  it('reads steps, sends, waits with their reasons and the end of a run from the recorded events', () => {
    const entries = leadTimelineFromEvents([
      event(0, 'enrolled', { data: { workflowId: 'lead:c:l' } }),
      event(1, 'step_started', { stepId: 's1' }),
      event(2, 'waited', { stepId: 's1', eventKey: 'wait:r:1', data: { reason: 'working_hours', until: '2026-03-09T13:00:02.000Z', ended: 'elapsed' } }),
      event(3602, 'sent', { stepId: 's1', data: { messageUrn: 'urn:li:msg_message:1', variantId: 'A', originToken: 't' } }),
      event(3603, 'step_started', { stepId: 'w1' }),
      event(3603, 'waited', { stepId: 'w1', eventKey: 'wait:r:2', data: { reason: 'wait_step', until: '2026-03-09T13:00:06.000Z', ended: 'interrupted' } }),
      event(3604, 'skip_requested', { stepId: 'w1', data: { by: 'api' } }),
      event(3605, 'replied', { stepId: 's1', data: { messageUrn: 'urn:li:msg_message:2', afterMs: 3000, source: 'inbox_sync' } }),
      event(3606, 'completed', { eventKey: 'finished', data: { status: 'replied', reason: 'the lead replied' } }),
    ]);
    expect(entries.map((e) => e.type)).toEqual(['enrolled', 'step_started', 'waited', 'sent', 'step_started', 'waited', 'skip_requested', 'replied', 'run_completed']);
    expect(entries[2]).toEqual({ at: '2026-03-09T12:00:02.000Z', type: 'waited', stepId: 's1', reason: 'working_hours', durationMs: 3_600_000, until: '2026-03-09T13:00:02.000Z', ended: 'elapsed' });
    expect(entries[3]).toMatchObject({ stepId: 's1', detail: { variantId: 'A', messageUrn: 'urn:li:msg_message:1' } });
    expect(entries[5]).toMatchObject({ reason: 'wait_step', durationMs: 3000, ended: 'interrupted' });
    expect(entries[7]).toMatchObject({ detail: { messageUrn: 'urn:li:msg_message:2', afterMs: 3000, source: 'inbox_sync' } });
    expect(entries[8]).toEqual({ at: '2026-03-09T13:00:06.000Z', type: 'run_completed', stepId: null, detail: { status: 'replied', reason: 'the lead replied' } });
  });

  it('shows a wait that still lasts without an end, and a pause without an until', () => {
    const entries = leadTimelineFromEvents([
      event(0, 'waited', { eventKey: 'wait:r:1', data: { reason: 'reply', until: '2026-03-12T12:00:00.000Z' } }),
      event(1, 'waited', { eventKey: 'wait:r:2', data: { reason: 'paused', until: null } }),
    ]);
    expect(entries[0]).toEqual({ at: '2026-03-09T12:00:00.000Z', type: 'waited', stepId: null, reason: 'reply', durationMs: 3 * 86_400_000, until: '2026-03-12T12:00:00.000Z' });
    expect(entries[1]).toEqual({ at: '2026-03-09T12:00:01.000Z', type: 'waited', stepId: null, reason: 'paused' });
  });

  it('tells a failed step from a run that ended failed, and shows controls with who sent them', () => {
    const entries = leadTimelineFromEvents([
      event(0, 'paused', { stepId: 's1', data: { by: 'campaign', control: 'pause' } }),
      event(1, 'failed', { eventKey: 'failed:0', stepId: 's1', data: { code: 'RECIPIENT_NOT_REACHABLE', message: 'not connected' } }),
      event(2, 'failed', { eventKey: 'finished', data: { status: 'failed', reason: 'RECIPIENT_NOT_REACHABLE: not connected' } }),
    ]);
    expect(entries.map((e) => [e.type, e.detail])).toEqual([
      ['paused', { by: 'campaign', control: 'pause' }],
      ['step_failed', { code: 'RECIPIENT_NOT_REACHABLE', message: 'not connected' }],
      ['run_completed', { status: 'failed', reason: 'RECIPIENT_NOT_REACHABLE: not connected' }],
    ]);
  });
});
