import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  leadPauseSignal, leadReplySignal, leadResumeSignal, leadSkipStepSignal, leadStateQuery, retryLeadStepUpdate, skipLeadStepUpdate, stopLeadUpdate,
  type LeadSequenceInput,
} from '@threadline/contracts';
import { type SequenceStep } from '@threadline/domain';
import { leadInput, leadWorldOnTier, startLead, until, waitingFor } from './support/lead-world';
import { recordHistory } from './support/tier';

jest.setTimeout(60_000);

const { world, client } = leadWorldOnTier();

const send = (id: string, template: string, typing = false): SequenceStep => ({ id, type: 'typing_and_send', template, typing });
const wait = (id: string, duration: string): SequenceStep => ({ id, type: 'wait', duration });

const start = (steps: SequenceStep[], overrides: Partial<LeadSequenceInput> = {}) => startLead(client(), steps, overrides);
const runState = (handle: WorkflowHandle) => handle.query(leadStateQuery);

/** The run's refusal of an update: the validator's failure, as the client receives it. */
async function refusalOf(update: Promise<unknown>): Promise<{ type: string | null | undefined; message: string }> {
  const err = await update.then(() => null, (e: unknown) => e);
  if (!(err instanceof WorkflowUpdateFailedError) || !(err.cause instanceof ApplicationFailure)) throw new Error(`expected a refused update, got ${String(err)}`);
  return { type: err.cause.type, message: err.cause.message };
}

describe('leadSequenceWorkflow on a local Temporal server, activities mocked', () => {
  it('sends each step once, waits between them on a durable timer, and completes', async () => {
    const { handle, leadId, workflowId } = await start([send('a', 'Hello {{firstName}}.'), wait('w', '1s'), send('b', 'Second.')]);
    expect(await handle.result()).toEqual({ status: 'completed', reason: null, stepsRun: [0, 1, 2] });
    expect(world.delivered(leadId).map((m) => m.text)).toEqual(['Hello Ada.', 'Second.']);
    const [waited] = world.waits(leadId);
    expect(waited).toMatchObject({ reason: 'wait_step', stepId: 'w', ended: 'elapsed' });
    expect(waited!.until! - waited!.at).toBe(1000);
    expect(world.callsOf(leadId, 'finishLead').map((c) => c.input.status)).toEqual(['completed']);
    await recordHistory(client(), 'tier-lead-completed', workflowId);
  });

  it('holds a message back while paused and sends it once after resume (pause and resume signals)', async () => {
    const { handle, leadId, workflowId } = await start([send('a', 'Held.', true)]);
    await until('typing', async () => world.callsOf(leadId, 'showTyping').length > 0 || undefined);
    await handle.signal(leadPauseSignal);
    const paused = await until('the lead paused before its step', async () => ((s) => s.status === 'paused' && s)(await runState(handle)));
    expect(paused).toMatchObject({ phase: 'paused', paused: true, stepId: 'a', waiting: { reason: 'paused', until: null } });
    expect(world.delivered(leadId)).toEqual([]);
    await handle.signal(leadResumeSignal);
    expect((await handle.result()).status).toBe('completed');
    expect(world.delivered(leadId).map((m) => m.text)).toEqual(['Held.']);
    expect(world.waits(leadId).find((w) => w.reason === 'paused')).toMatchObject({ ended: 'elapsed' });
    await recordHistory(client(), 'tier-lead-pause-resume', workflowId);
  });

  it('answers a stop with what the lead ends as, ends a waiting lead at once, and takes no control once ended', async () => {
    const { handle, leadId, workflowId } = await start([send('a', 'First.'), wait('w', '60s'), send('b', 'Never.')]);
    await waitingFor(handle, 'wait_step');
    const answer = await handle.executeUpdate(stopLeadUpdate, { args: [{ reason: 'stopped by API' }] });
    expect(answer).toMatchObject({ status: 'active', phase: 'waiting', ending: { status: 'stopped', reason: 'stopped by API' }, stepId: 'w' });
    expect(await handle.result()).toMatchObject({ status: 'stopped', reason: 'stopped by API' });
    expect(world.delivered(leadId).map((m) => m.text)).toEqual(['First.']);
    expect(world.waits(leadId)[0]).toMatchObject({ reason: 'wait_step', ended: 'interrupted' });
    await expect(handle.executeUpdate(stopLeadUpdate, { args: [{ reason: 'again' }] })).rejects.toBeInstanceOf(WorkflowNotFoundError);
    await recordHistory(client(), 'tier-lead-stop-update', workflowId);
  });

  it('skips a wait on request, and refuses a retry of a lead that has not failed, saying what applies', async () => {
    const { handle, leadId, workflowId } = await start([wait('w', '60s'), send('a', 'After the wait.')]);
    await waitingFor(handle, 'wait_step');
    expect(await refusalOf(handle.executeUpdate(retryLeadStepUpdate))).toEqual({ type: 'CAMPAIGN_STATE_INVALID', message: 'The lead is active, not holding on a failed step; retry applies to a failed step only.' });
    expect(await handle.executeUpdate(skipLeadStepUpdate)).toMatchObject({ status: 'active', stepId: 'w', ending: null });
    expect((await handle.result()).status).toBe('completed');
    expect(world.delivered(leadId).map((m) => m.text)).toEqual(['After the wait.']);
    expect(world.waits(leadId)[0]).toMatchObject({ reason: 'wait_step', ended: 'interrupted' });
    await recordHistory(client(), 'tier-lead-skip-update', workflowId);
  });

  it('refuses to skip a step of a lead paused before it', async () => {
    const { handle } = await start([wait('w', '60s'), send('a', 'Never.')]);
    await waitingFor(handle, 'wait_step');
    await handle.signal(leadPauseSignal);
    // Waits keep running while paused: the skip ends this one, and the lead then holds before its next step.
    await handle.executeUpdate(skipLeadStepUpdate);
    await until('the lead paused before its next step', async () => (await runState(handle)).status === 'paused' || undefined);
    expect(await refusalOf(handle.executeUpdate(skipLeadStepUpdate))).toEqual({ type: 'CAMPAIGN_STATE_INVALID', message: 'The lead is paused before its next step; resume the campaign first.' });
    await handle.terminate();
  });

  it('retries a failed step on request with the same originToken, reading the thread back first', async () => {
    const { handle, leadId, workflowId } = await start([send('a', 'Hello again.')]);
    world.failDeliveries.set(leadId, ['RECIPIENT_NOT_REACHABLE']);
    await waitingFor(handle, 'retry');
    expect(await runState(handle)).toMatchObject({ status: 'failed', phase: 'failed', stepId: 'a' });
    expect(world.callsOf(leadId, 'recordLeadStepFailed')[0]!.input).toMatchObject({ code: 'RECIPIENT_NOT_REACHABLE', stepId: 'a' });
    expect(await handle.executeUpdate(retryLeadStepUpdate)).toMatchObject({ status: 'active', phase: 'failed' });
    expect((await handle.result()).status).toBe('completed');
    const attempts = world.callsOf(leadId, 'deliverLeadMessage');
    expect(attempts.map((a) => [a.input.delivered ?? false, a.input.readBackFirst])).toEqual([[false, false], [true, true]]);
    expect(attempts[1]!.input.originToken).toBe(attempts[0]!.input.originToken);
    await recordHistory(client(), 'tier-lead-retry-update', workflowId);
  });

  it('passes a failed step on request, and ends a lead as failed when its hold runs out', async () => {
    const skipped = await start([send('a', 'One.'), send('b', 'Two.')]);
    world.failDeliveries.set(skipped.leadId, ['LINKEDIN_REJECTED']);
    const given = await start([send('a', 'Lost.')], { failedStepHoldMs: 1500 });
    world.failDeliveries.set(given.leadId, ['LINKEDIN_REJECTED']);
    await until('the step to fail', async () => (await runState(skipped.handle)).status === 'failed' || undefined);
    await skipped.handle.executeUpdate(skipLeadStepUpdate);
    expect((await skipped.handle.result()).status).toBe('completed');
    expect(world.delivered(skipped.leadId).map((m) => m.text)).toEqual(['Two.']);
    expect(await given.handle.result()).toEqual({ status: 'failed', reason: 'LINKEDIN_REJECTED: scripted LINKEDIN_REJECTED', stepsRun: [] });
    expect(world.waits(given.leadId)).toMatchObject([{ reason: 'retry', ended: 'elapsed' }]);
    await recordHistory(client(), 'tier-lead-failed-skipped', skipped.workflowId);
  });

  it('ends a lead holding on a failed step as stopped when it is stopped', async () => {
    const { handle, leadId, workflowId } = await start([send('a', 'Never.')]);
    world.failDeliveries.set(leadId, ['RECIPIENT_NOT_REACHABLE']);
    await waitingFor(handle, 'retry');
    expect(await handle.executeUpdate(stopLeadUpdate, { args: [{ reason: 'stopped by API' }] })).toMatchObject({ status: 'failed', ending: { status: 'stopped' } });
    expect(await handle.result()).toMatchObject({ status: 'stopped', reason: 'stopped by API' });
    await recordHistory(client(), 'tier-lead-failed-stopped', workflowId);
  });

  it('waits for a send slot refused for quota, then for an account hold, until the slot’s time, then sends once', async () => {
    const input = leadInput([send('a', 'Paced.')]);
    world.slotAnswers.set(input.accountId, [(now) => ({ granted: false, notBefore: now + 1000, reason: 'quota' }), (now) => ({ granted: false, notBefore: now + 1000, reason: 'hold' })]);
    const { handle, leadId, workflowId } = await start(input.sequence.steps, input);
    expect((await handle.result()).status).toBe('completed');
    expect(world.waits(leadId).map((w) => [w.reason, w.ended])).toEqual([['quota', 'elapsed'], ['hold', 'elapsed']]);
    const slots = world.callsOf(leadId, 'acquireSendSlot');
    expect(slots).toHaveLength(3);
    expect(new Set(slots.map((s) => s.input.operationId)).size).toBe(1);
    expect(world.delivered(leadId)).toHaveLength(1);
    await recordHistory(client(), 'tier-lead-slot-holds', workflowId);
  });

  it('stops typing when the lead replies, and ends it as replied without sending', async () => {
    const { handle, leadId, workflowId } = await start([send('a', 'Typing this one.', true)]);
    await until('typing', async () => world.callsOf(leadId, 'showTyping').length > 0 || undefined);
    await handle.signal(leadReplySignal, { messageUrn: 'urn:li:msg_message:reply', at: Date.now(), source: 'inbox_sync' });
    expect(await handle.result()).toMatchObject({ status: 'replied', reason: 'the lead replied' });
    expect(world.delivered(leadId)).toEqual([]);
    expect(world.callsOf(leadId, 'recordLeadReplied').map((c) => c.input.messageUrn)).toEqual(['urn:li:msg_message:reply']);
    await recordHistory(client(), 'tier-lead-reply-typing', workflowId);
  });

  it('waits for the working hours of the sender, and a pause or a stop ends that wait', async () => {
    // Open only tomorrow (UTC): the wait runs until the next midnight.
    const today = new Date().getUTCDay() || 7;
    const opens = new Date(new Date().setUTCHours(24, 0, 0, 0)).getTime();
    const { handle, leadId, workflowId } = await start([send('a', 'Tomorrow.')], { workingHours: { timeZone: 'UTC', days: [(today % 7) + 1], start: '00:00', end: '24:00' } });
    await waitingFor(handle, 'working_hours');
    expect((await runState(handle)).waiting).toEqual({ reason: 'working_hours', until: opens });
    await handle.signal(leadPauseSignal);
    await until('the lead paused', async () => (await runState(handle)).status === 'paused' || undefined);
    await handle.signal(leadResumeSignal);
    await until('the working hours wait again', async () => world.waits(leadId).filter((w) => w.reason === 'working_hours').length === 2 || undefined);
    await handle.executeUpdate(stopLeadUpdate, { args: [{ reason: 'stopped by API' }] });
    expect((await handle.result()).status).toBe('stopped');
    expect(world.waits(leadId).map((w) => [w.reason, w.until, w.ended])).toEqual([['working_hours', opens, 'interrupted'], ['paused', null, 'elapsed'], ['working_hours', opens, 'interrupted']]);
    expect(world.delivered(leadId)).toEqual([]);
    await recordHistory(client(), 'tier-lead-working-hours-interrupted', workflowId);
  });

  it('drops a message skipped while a pause holds it back, then holds before the next step', async () => {
    const input = leadInput([send('a', 'Dropped.'), send('b', 'Kept.')]);
    world.slotAnswers.set(input.accountId, [(now) => ({ granted: false, notBefore: now + 60_000, reason: 'quota' })]);
    // The quota wait's record is slow to land: the skip and the pause sent meanwhile reach the run together.
    world.slowWaitStarts.set(input.leadId, 1500);
    const { handle, leadId, workflowId } = await start(input.sequence.steps, input);
    await until('the quota wait to start', async () => world.waits(input.leadId).some((w) => w.reason === 'quota') || undefined);
    const skipped = handle.executeUpdate(skipLeadStepUpdate);
    await handle.signal(leadPauseSignal);
    await skipped;
    const paused = await until('the lead paused before its next step', async () => ((s) => s.status === 'paused' && s)(await runState(handle)));
    expect(paused).toMatchObject({ stepId: 'b' });
    world.slowWaitStarts.delete(input.leadId);
    await handle.signal(leadResumeSignal);
    expect((await handle.result()).status).toBe('completed');
    expect(world.delivered(leadId).map((m) => m.text)).toEqual(['Kept.']);
    await recordHistory(client(), 'tier-lead-skip-over-pause', workflowId);
  });

  it('still honours the skip signal of runs controlled before the updates', async () => {
    const { handle, leadId, workflowId } = await start([wait('w', '60s'), send('a', 'Signalled.')]);
    await waitingFor(handle, 'wait_step');
    await handle.signal(leadSkipStepSignal);
    expect((await handle.result()).status).toBe('completed');
    expect(world.delivered(leadId).map((m) => m.text)).toEqual(['Signalled.']);
    await recordHistory(client(), 'tier-lead-legacy-skip-signal', workflowId);
  });

  it('routes a reply that comes during a wait for it to onReply when replies do not stop the lead', async () => {
    const steps: SequenceStep[] = [{ id: 'w', type: 'wait_for_reply', timeout: '60s', onReply: 'thanks', onTimeout: 'next' }, send('nudge', 'Nudge.'), { id: 'e', type: 'end' }, send('thanks', 'Thanks!')];
    const { handle, leadId, workflowId } = await start(steps, { stopOnReply: false });
    await waitingFor(handle, 'reply');
    await handle.signal(leadReplySignal, { messageUrn: 'urn:li:msg_message:r', at: Date.now(), source: 'inbox_sync' });
    expect(await handle.result()).toEqual({ status: 'replied', reason: 'the lead replied', stepsRun: [0, 3] });
    expect(world.delivered(leadId).map((m) => m.text)).toEqual(['Thanks!']);
    await recordHistory(client(), 'tier-lead-reply-routed', workflowId);
  });

  it('takes a last look at the thread when a wait for a reply times out, and routes a reply found there', async () => {
    const steps: SequenceStep[] = [{ id: 'w', type: 'wait_for_reply', timeout: '1s', onReply: 'thanks', onTimeout: 'next' }, send('nudge', 'Nudge.'), { id: 'e', type: 'end' }, send('thanks', 'Thanks!')];
    const input = leadInput(steps, { stopOnReply: false });
    world.threads.set(input.accountId, { reply: { messageUrn: 'urn:li:msg_message:late', at: Date.now() } });
    const { handle, leadId } = await start(steps, input);
    expect(await handle.result()).toMatchObject({ status: 'replied', stepsRun: [0, 3] });
    expect(world.delivered(leadId).map((m) => m.text)).toEqual(['Thanks!']);
    expect(world.callsOf(leadId, 'recordLeadReplied')[0]!.input).toMatchObject({ messageUrn: 'urn:li:msg_message:late', source: 'thread_check' });
  });

  it('sends the follow-up when no reply comes before the timeout', async () => {
    const steps: SequenceStep[] = [{ id: 'w', type: 'wait_for_reply', timeout: '1s', onReply: 'thanks', onTimeout: 'next' }, send('nudge', 'Nudge.'), { id: 'e', type: 'end' }, send('thanks', 'Thanks!')];
    const { handle, leadId } = await start(steps, { stopOnReply: false });
    expect(await handle.result()).toEqual({ status: 'completed', reason: null, stepsRun: [0, 1, 2] });
    expect(world.delivered(leadId).map((m) => m.text)).toEqual(['Nudge.']);
  });

  it('stops before sending when the thread shows a message written by hand', async () => {
    const input = leadInput([send('a', 'Not after a human.')]);
    world.threads.set(input.accountId, { manualOutbound: true });
    const { handle, leadId } = await start(input.sequence.steps, input);
    expect(await handle.result()).toMatchObject({ status: 'stopped', reason: 'a message was written by hand in the conversation' });
    expect(world.delivered(leadId)).toEqual([]);
  });
});
