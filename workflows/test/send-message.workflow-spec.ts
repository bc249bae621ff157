import { WorkflowFailedError } from '@temporalio/client';
import { type SendMessageInput, WORKFLOW_TASK_QUEUE } from '@threadline/contracts';
import type { sendMessageWorkflow } from '../src/send-message.workflow';
import { LeadWorld } from './support/lead-world';
import { recordHistory, startTier, type Tier } from './support/tier';

jest.setTimeout(60_000);

const world = new LeadWorld();
let tier: Tier;
let sends = 0;

beforeAll(async () => {
  tier = await startTier(world.activities(), world.slotActivities());
});
afterAll(() => tier?.stop());

/** One message; the workflow id doubles as the account id, which keys the world's scripts. */
function message(overrides: Partial<SendMessageInput> = {}): SendMessageInput {
  const id = `send-${process.pid}-${++sends}`;
  return { workspaceId: 'w', accountId: id, recipients: ['urn:li:fsd_profile:someone'], text: 'Hello there.', messageType: 'normal', channel: 'linkedin_inbox', typingMs: 0, typingPingMs: 300, ...overrides };
}

const start = (input: SendMessageInput) =>
  tier.client.workflow.start<typeof sendMessageWorkflow>('sendMessageWorkflow', { taskQueue: WORKFLOW_TASK_QUEUE, workflowId: input.accountId, args: [input] });

describe('sendMessageWorkflow on a local Temporal server, activities mocked', () => {
  it('takes a send slot, shows typing on durable timers, sends once and records it', async () => {
    const input = message({ typingMs: 600 });
    const handle = await start(input);
    const result = await handle.result();
    expect(result).toMatchObject({ conversationUrn: `urn:li:msg_conversation:${input.accountId}`, typingShown: true });
    // Typing varies ±25 % around the 600 ms asked for, pinged every 300 ms.
    expect(world.callsOf(input.accountId, 'showTyping').length).toBeGreaterThanOrEqual(2);
    expect(world.callsOf(input.accountId, 'showTyping').length).toBeLessThanOrEqual(3);
    expect(world.delivered(input.accountId).map((m) => m.text)).toEqual(['Hello there.']);
    expect(world.callsOf(input.accountId, 'recordMessageSent')[0]!.input.result).toEqual(result);
    await recordHistory(tier.client, 'tier-send-message-sent', handle.workflowId);
  });

  it('waits for a refused send slot until its time, then sends', async () => {
    const input = message();
    world.slotAnswers.set(input.accountId, [(now) => ({ granted: false, notBefore: now + 1000, reason: 'hold' })]);
    const startedAt = Date.now();
    const handle = await start(input);
    await handle.result();
    expect(world.callsOf(input.accountId, 'acquireSendSlot')).toHaveLength(2);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
    expect(world.delivered(input.accountId)).toHaveLength(1);
    await recordHistory(tier.client, 'tier-send-message-slot-refused', handle.workflowId);
  });

  it('retries a send that failed for a passing reason with the same originToken', async () => {
    const input = message();
    world.failDeliveries.set(input.accountId, ['LINKEDIN_UNAVAILABLE']);
    await (await start(input)).result();
    const attempts = world.callsOf(input.accountId, 'deliverMessage');
    expect(attempts.map((a) => a.input.delivered ?? false)).toEqual([false, true]);
    expect(attempts[1]!.input.originToken).toBe(attempts[0]!.input.originToken);
  });

  it('records a failure a retry cannot fix and fails with its code, after one attempt', async () => {
    const input = message();
    world.failDeliveries.set(input.accountId, ['RECIPIENT_NOT_REACHABLE']);
    const handle = await start(input);
    const err = await handle.result().then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect((err as WorkflowFailedError).cause).toMatchObject({ type: 'RECIPIENT_NOT_REACHABLE', message: 'scripted RECIPIENT_NOT_REACHABLE', nonRetryable: true });
    expect(world.callsOf(input.accountId, 'deliverMessage')).toHaveLength(1);
    expect(world.callsOf(input.accountId, 'recordMessageFailed')[0]!.input).toMatchObject({ code: 'RECIPIENT_NOT_REACHABLE' });
    await recordHistory(tier.client, 'tier-send-message-failed', handle.workflowId);
  });
});
