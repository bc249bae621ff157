import { accountChangedSignal, leadReplySignal, retryLeadStepUpdate, stopLeadUpdate, WORKFLOW_TASK_QUEUE, type LeadSequenceInput, type SendMessageInput } from '@threadline/contracts';
import { leadStepOperationId, type SequenceStep } from '@threadline/domain';
import type { sendMessageWorkflow } from '../src/send-message.workflow';
import { leadInput, leadWorldOnTier, startLead, until, waitingFor } from './support/lead-world';
import { recordHistory } from './support/tier';

// Account safety in the send spine (docs/account-safety.md, "How a send uses the ledger"): the
// member's delivery turn, holds waited out in the slot, quota released by steps that sent nothing, and
// account changes that end a wait at once.
jest.setTimeout(60_000);

const { world, client } = leadWorldOnTier();

/** The run has taken its signal in: a workflow task completed after the signal reached its history. */
async function signalHandled(handle: { fetchHistory(): Promise<{ events?: Array<{ workflowExecutionSignaledEventAttributes?: unknown; workflowTaskCompletedEventAttributes?: unknown }> | null }> }): Promise<true | undefined> {
  const events = (await handle.fetchHistory()).events ?? [];
  const signalled = events.findIndex((e) => e.workflowExecutionSignaledEventAttributes);
  return signalled >= 0 && events.slice(signalled).some((e) => e.workflowTaskCompletedEventAttributes) ? true : undefined;
}

const send = (id: string, template: string, typing = false): SequenceStep => ({ id, type: 'typing_and_send', template, typing });

const start = (steps: SequenceStep[], overrides: Partial<LeadSequenceInput> = {}) => startLead(client(), steps, overrides);

describe('paced sends on a local Temporal server, activities mocked', () => {
  it('releases the quota unit of a step that a reply ended during typing, and sends nothing', async () => {
    const { handle, leadId, workflowId } = await start([send('a', 'Typing this one.', true)]);
    await until('typing', async () => world.callsOf(leadId, 'showTyping').length > 0 || undefined);
    await handle.signal(leadReplySignal, { messageUrn: 'urn:li:msg_message:reply', at: Date.now(), source: 'inbox_sync' });
    expect(await handle.result()).toMatchObject({ status: 'replied' });
    expect(world.delivered(leadId)).toEqual([]);
    expect(world.released(leadId)).toEqual([leadStepOperationId(workflowId, 0)]);
    await recordHistory(client(), 'tier-lead-paced-reply-released', workflowId);
  });

  it('waits for the member’s delivery turn on a durable timer, then sends once with its operation id', async () => {
    const input = leadInput([send('a', 'Spaced.')]);
    world.claimAnswers.set(input.accountId, [(now) => ({ granted: false, notBefore: now + 1200 })]);
    const startedAt = Date.now();
    const { handle, leadId, workflowId } = await start(input.sequence.steps, input);
    expect((await handle.result()).status).toBe('completed');
    expect(world.callsOf(leadId, 'claimDelivery')).toHaveLength(2);
    const [delivery] = world.callsOf(leadId, 'deliverLeadMessage');
    expect(delivery!.input).toMatchObject({ operationId: leadStepOperationId(workflowId, 0), delivered: true });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1200);
    expect(world.released(leadId)).toEqual([]);
  });

  it('a stop during the wait for the delivery turn ends the step at once and releases its unit', async () => {
    const input = leadInput([send('a', 'Never.')]);
    world.claimAnswers.set(input.accountId, [(now) => ({ granted: false, notBefore: now + 60_000 })]);
    const { handle, leadId, workflowId } = await start(input.sequence.steps, input);
    await waitingFor(handle, 'spacing');
    await handle.executeUpdate(stopLeadUpdate, { args: [{ reason: 'stopped by API' }] });
    expect(await handle.result()).toMatchObject({ status: 'stopped' });
    expect(world.delivered(leadId)).toEqual([]);
    expect(world.released(leadId)).toContain(leadStepOperationId(workflowId, 0));
  });

  it('a throttled send waits in the slot until the hold ends, then goes out once, reading the thread back first', async () => {
    const input = leadInput([send('a', 'After the hold.')]);
    world.failDeliveries.set(input.accountId, ['LINKEDIN_RATE_LIMITED']);
    let holdEnds = 0;
    // The throttle put the account on hold: the slot refuses until then (granted before and after).
    world.slotAnswers.set(input.accountId, [() => ({ granted: true }), (now) => ({ granted: false, notBefore: (holdEnds = now + 1500), reason: 'hold' })]);
    const { handle, leadId, workflowId } = await start(input.sequence.steps, input);
    expect((await handle.result()).status).toBe('completed');
    const attempts = world.callsOf(leadId, 'deliverLeadMessage');
    // Not retried by Temporal at LinkedIn's hint: one refused attempt, then one after the hold.
    expect(attempts.map((a) => [a.input.delivered ?? false, a.input.readBackFirst])).toEqual([[false, false], [true, true]]);
    expect(attempts[1]!.input.originToken).toBe(attempts[0]!.input.originToken);
    expect(world.waits(leadId).map((w) => [w.reason, w.ended])).toEqual([['hold', 'elapsed']]);
    expect(holdEnds).toBeGreaterThan(0);
    expect(world.delivered(leadId)).toHaveLength(1);
    await recordHistory(client(), 'tier-lead-paced-throttled', workflowId);
  });

  it('a send that lost its turn (SEND_TOO_SOON) claims it again and goes out once with the same token', async () => {
    const input = leadInput([send('a', 'Second try.')]);
    world.failDeliveries.set(input.accountId, ['SEND_TOO_SOON']);
    world.claimAnswers.set(input.accountId, [() => ({ granted: true }), (now) => ({ granted: false, notBefore: now + 800 })]);
    const { handle, leadId } = await start(input.sequence.steps, input);
    expect((await handle.result()).status).toBe('completed');
    const attempts = world.callsOf(leadId, 'deliverLeadMessage');
    expect(attempts.map((a) => [a.input.delivered ?? false, a.input.readBackFirst])).toEqual([[false, false], [true, true]]);
    expect(attempts[1]!.input.originToken).toBe(attempts[0]!.input.originToken);
    // The thread is checked again before the second delivery.
    expect(world.callsOf(leadId, 'checkLeadThread')).toHaveLength(2);
  });

  it('a change of the account ends a wait for quota at once (a raised cap wakes the lead)', async () => {
    const input = leadInput([send('a', 'Cap raised.')]);
    world.slotAnswers.set(input.accountId, [(now) => ({ granted: false, notBefore: now + 60_000, reason: 'quota' })]);
    const { handle, leadId, workflowId } = await start(input.sequence.steps, input);
    await waitingFor(handle, 'quota');
    const signalledAt = Date.now();
    await handle.signal(accountChangedSignal, { changes: ['caps'] });
    expect((await handle.result()).status).toBe('completed');
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(world.waits(leadId).map((w) => [w.reason, w.ended])).toEqual([['quota', 'interrupted']]);
    expect(world.delivered(leadId)).toHaveLength(1);
    await recordHistory(client(), 'tier-lead-paced-account-changed', workflowId);
  });

  it('a throttled look at the thread waits for the hold, and a lifted hold (accountChanged) wakes it at once', async () => {
    const input = leadInput([send('a', 'After the throttle.')]);
    world.failThreadChecks.set(input.accountId, ['LINKEDIN_RATE_LIMITED']);
    const { handle, leadId, workflowId } = await start(input.sequence.steps, input);
    await waitingFor(handle, 'hold');
    await handle.signal(accountChangedSignal, { changes: ['hold'] });
    expect((await handle.result()).status).toBe('completed');
    expect(world.waits(leadId).map((w) => [w.reason, w.ended])).toEqual([['hold', 'interrupted']]);
    expect(world.callsOf(leadId, 'checkLeadThread')).toHaveLength(2);
    expect(world.delivered(leadId)).toHaveLength(1);
    await recordHistory(client(), 'tier-lead-paced-throttled-read', workflowId);
  });

  it('a hold lifted while the throttled look at the thread was under way ends the wait at once', async () => {
    const input = leadInput([send('a', 'After the race.')]);
    world.failThreadChecks.set(input.accountId, ['LINKEDIN_RATE_LIMITED']);
    let answer!: () => void;
    world.gates.set(`checkLeadThread:${input.accountId}`, new Promise<void>((r) => (answer = r)));
    const { handle, leadId, workflowId } = await start(input.sequence.steps, input);
    await until('the look at the thread under way', async () => world.callsOf(leadId, 'checkLeadThread').length > 0 || undefined);
    // The operator lifts the hold (accountChanged reaches the run) before LinkedIn's 999 comes back.
    await handle.signal(accountChangedSignal, { changes: ['hold'] });
    await until('the signal handled', async () => signalHandled(handle));
    world.gates.delete(`checkLeadThread:${input.accountId}`);
    answer();
    // Not the hold's 60 s: the change came after the question was asked, so the run asks again at once.
    const result = await until('the lead completed', async () => {
      const d = await handle.describe();
      return d.status.name === 'COMPLETED' ? handle.result() : undefined;
    });
    expect(result.status).toBe('completed');
    expect(world.waits(leadId).map((w) => [w.reason, w.ended])).toEqual([['hold', 'interrupted']]);
    expect(world.delivered(leadId)).toHaveLength(1);
    await recordHistory(client(), 'tier-lead-paced-hold-lifted-during-read', workflowId);
  });

  it('a send whose answer was lost, then a reply, counts the message LinkedIn has instead of releasing its unit', async () => {
    const input = leadInput([send('a', 'Lost answer.'), send('b', 'Never sent.')]);
    // LinkedIn stores the message, then throttles: the answer never comes back and the account is held.
    world.lostDeliveries.set(input.accountId, ['LINKEDIN_RATE_LIMITED']);
    world.slotAnswers.set(input.accountId, [() => ({ granted: true }), (now) => ({ granted: false, notBefore: now + 60_000, reason: 'hold' })]);
    const { handle, leadId } = await start(input.sequence.steps, input);
    await waitingFor(handle, 'hold');
    await handle.signal(leadReplySignal, { messageUrn: 'urn:li:msg_message:reply', at: Date.now(), source: 'inbox_sync' });
    expect((await handle.result()).status).toBe('replied');
    const release = world.calls.find((c) => c.name === 'releaseSendSlot' && String(c.input.operationId).includes(leadId));
    expect(release?.input.unconfirmed).toMatchObject({ originToken: world.callsOf(leadId, 'deliverLeadMessage')[0]!.input.originToken });
    // The step's send is recorded (and its unit committed by the activity), not released.
    expect(world.callsOf(leadId, 'recordLeadSent').map((c) => c.input.stepId)).toEqual(['a']);
  });

  it('holds a lead whose last look at the thread fails after a wait for a reply, instead of failing it', async () => {
    const input = leadInput([send('a', 'Hi.'), { id: 'r', type: 'wait_for_reply', timeout: '1s' }, send('b', 'Follow-up.')]);
    world.failThreadChecks.set(input.accountId, [null, 'ACCOUNT_DISCONNECTED']);
    const { handle, leadId } = await start(input.sequence.steps, input);
    await waitingFor(handle, 'account');
    expect(world.callsOf(leadId, 'recordLeadStepFailed')[0]!.input).toMatchObject({ code: 'ACCOUNT_DISCONNECTED', stepId: 'r' });
    await handle.executeUpdate(retryLeadStepUpdate);
    expect((await handle.result()).status).toBe('completed');
    expect(world.delivered(leadId).map((m) => m.text)).toEqual(['Hi.', 'Follow-up.']);
  });
});

describe('paced API sends on a local Temporal server, activities mocked', () => {
  let sends = 0;
  const message = (overrides: Partial<SendMessageInput> = {}): SendMessageInput => {
    const id = `paced-send-${process.pid}-${++sends}`;
    return { workspaceId: 'w', accountId: id, recipients: ['urn:li:fsd_profile:someone'], text: 'Hello there.', messageType: 'normal', channel: 'linkedin_inbox', typingMs: 0, typingPingMs: 300, ...overrides };
  };
  const startSend = (input: SendMessageInput) =>
    client().workflow.start<typeof sendMessageWorkflow>('sendMessageWorkflow', { taskQueue: WORKFLOW_TASK_QUEUE, workflowId: input.accountId, args: [input] });

  it('pauses before the first message of a new conversation, where no typing can be shown', async () => {
    const input = message({ typingMs: 1200 });
    world.newConversations.add(input.accountId);
    const startedAt = Date.now();
    const result = await (await startSend(input)).result();
    expect(result.typingShown).toBe(false);
    expect(world.callsOf(input.accountId, 'showTyping')).toEqual([]);
    // Typing varies ±25 %: at least 900 ms of pause.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
    expect(world.callsOf(input.accountId, 'deliverMessage')[0]!.input).toMatchObject({ operationId: input.accountId, delivered: true });
  });

  it('a change of the account while the slot was being asked for ends the wait for the held slot at once', async () => {
    const input = message();
    world.slotAnswers.set(input.accountId, [(now) => ({ granted: false, notBefore: now + 60_000, reason: 'hold' })]);
    let answer!: () => void;
    world.gates.set(`acquireSendSlot:${input.accountId}`, new Promise<void>((r) => (answer = r)));
    const handle = await startSend(input);
    await until('the slot asked for', async () => world.callsOf(input.accountId, 'acquireSendSlot').length > 0 || undefined);
    await handle.signal(accountChangedSignal, { changes: ['hold'] });
    await until('the signal handled', async () => signalHandled(handle));
    world.gates.delete(`acquireSendSlot:${input.accountId}`);
    answer();
    const result = await until('the send done', async () => ((await handle.describe()).status.name === 'COMPLETED' ? handle.result() : undefined));
    expect(result.messageUrn).toBeTruthy();
    expect(world.callsOf(input.accountId, 'acquireSendSlot')).toHaveLength(2);
    await recordHistory(client(), 'tier-send-paced-change-during-slot', handle.workflowId);
  });

  it('a change of the account ends the wait for a held slot at once', async () => {
    const input = message();
    world.slotAnswers.set(input.accountId, [(now) => ({ granted: false, notBefore: now + 60_000, reason: 'hold' })]);
    const handle = await startSend(input);
    await until('the slot refused', async () => world.callsOf(input.accountId, 'acquireSendSlot').length > 0 || undefined);
    await handle.signal(accountChangedSignal, { changes: ['hold'] });
    await handle.result();
    expect(world.callsOf(input.accountId, 'acquireSendSlot')).toHaveLength(2);
    expect(world.delivered(input.accountId)).toHaveLength(1);
    await recordHistory(client(), 'tier-send-paced-account-changed', handle.workflowId);
  });
});
