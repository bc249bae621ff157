import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { leadTimelineFromHistory } from './lead-timeline';

const fixture = (name: string) => {
  const { history } = JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/histories', `${name}.json`), 'utf8'));
  return temporal.api.history.v1.History.fromObject(history).events;
};
const decode = (p: temporal.api.common.v1.IPayload) => defaultPayloadConverter.fromPayload(p);

describe('leadTimelineFromHistory', () => {
  it('reads steps, sends, waits with their reasons and the end of a recorded run (worker killed mid-run)', () => {
    const entries = leadTimelineFromHistory(fixture('lead-crash-restart'), decode);
    expect(entries[0]).toMatchObject({ type: 'enrolled', stepId: null });
    expect(entries.filter((e) => e.type === 'step_started').map((e) => e.stepId)).toEqual(['s1', 'w1', 's2', 'r', 's3', 'seen']);
    expect(entries.filter((e) => e.type === 'sent').map((e) => e.stepId)).toEqual(['s1', 's2', 's3']);
    expect(entries.find((e) => e.type === 'sent')?.detail).toMatchObject({ variantId: expect.stringMatching(/^[AB]$/) });
    expect(entries.find((e) => e.reason === 'wait_step')).toMatchObject({ stepId: 'w1', durationMs: expect.any(Number), ended: 'elapsed' });
    expect(entries.find((e) => e.reason === 'reply')).toMatchObject({ stepId: 'r', ended: 'elapsed' });
    expect(entries.some((e) => e.reason === 'typing')).toBe(true);
    expect(entries.at(-1)).toMatchObject({ type: 'run_completed', detail: { status: 'completed' } });
  });

  it('shows the reply signal routed from the inbox sync and the run ending as replied', () => {
    const entries = leadTimelineFromHistory(fixture('lead-stop-on-reply'), decode);
    expect(entries.find((e) => e.type === 'reply_received')?.detail).toMatchObject({ source: 'inbox_sync', messageUrn: expect.stringContaining('urn:li:msg_message:') });
    expect(entries.filter((e) => e.type === 'sent')).toHaveLength(1);
    expect(entries.at(-1)).toMatchObject({ type: 'run_completed', detail: { status: 'replied' } });
  });

  it('marks a wait cut short (a skip) as interrupted', () => {
    const entries = leadTimelineFromHistory(fixture('lead-skip-wait'), decode);
    expect(entries.find((e) => e.type === 'skip_requested')).toBeDefined();
    expect(entries.find((e) => e.reason === 'wait_step')).toMatchObject({ stepId: 'w1', durationMs: 60_000, ended: 'interrupted' });
  });

  it('reads the exact instant from a summary "wait:<reason> until <ISO>"', () => {
    const summary = defaultPayloadConverter.toPayload('wait:working_hours until 2026-03-09T13:00:00.000Z');
    const events = [
      { eventId: '5', eventTime: { seconds: '1764000000' }, timerStartedEventAttributes: { timerId: '1', startToFireTimeout: { seconds: '3600' } }, userMetadata: { summary } },
      { eventId: '6', eventTime: { seconds: '1764003600' }, timerFiredEventAttributes: { timerId: '1' } },
    ].map((e) => temporal.api.history.v1.HistoryEvent.fromObject(e));
    const entries = leadTimelineFromHistory(events, decode);
    expect(entries).toEqual([{ at: new Date(1_764_000_000_000).toISOString(), type: 'waited', stepId: null, reason: 'working_hours', durationMs: 3_600_000, until: '2026-03-09T13:00:00.000Z', ended: 'elapsed' }]);
  });
});
