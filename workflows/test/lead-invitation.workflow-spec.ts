import type { WorkflowHandle } from '@temporalio/client';
import { leadInvitationAcceptedSignal, leadReplySignal, leadStateQuery, WORKFLOW_TASK_QUEUE, type LeadSequenceInput } from '@threadline/contracts';
import { leadWorkflowId, type SequenceStep } from '@threadline/domain';
import { waitFor } from '../../test/support/wait-for';
import type { leadSequenceWorkflow } from '../src/lead-sequence.workflow';
import { leadInput, leadWorldOnTier } from './support/lead-world';

jest.setTimeout(60_000);

const { world, client } = leadWorldOnTier();

const connect = (extra: Partial<SequenceStep> = {}): SequenceStep => ({ id: 'invite', type: 'connect', note: 'Hi {{firstName}}, {great|nice} to meet you.', ...extra }) as SequenceStep;
const acceptance = (timeout: string, extra: Partial<SequenceStep> = {}): SequenceStep => ({ id: 'accepted', type: 'wait_for_acceptance', timeout, ...extra }) as SequenceStep;
const send = (id: string, template: string): SequenceStep => ({ id, type: 'typing_and_send', template, typing: false });

async function start(steps: SequenceStep[], overrides: Partial<LeadSequenceInput> = {}): Promise<{ handle: WorkflowHandle<typeof leadSequenceWorkflow>; leadId: string }> {
  const input = leadInput(steps, overrides);
  const handle = await client().workflow.start<typeof leadSequenceWorkflow>('leadSequenceWorkflow', { taskQueue: WORKFLOW_TASK_QUEUE, workflowId: leadWorkflowId(input.campaignId, input.leadId), args: [input] });
  return { handle, leadId: input.leadId };
}
const until = <T>(what: string, probe: () => Promise<T | undefined | false>) => waitFor(what, probe, 20_000, 50);
const waitingFor = (handle: WorkflowHandle, reason: string) => until(`a wait for ${reason}`, async () => (await handle.query(leadStateQuery)).waiting?.reason === reason || undefined);

describe('connect and wait_for_acceptance steps (activities mocked)', () => {
  it('does invite with the rendered note, wait for the acceptance signal, then message', async () => {
    const { handle, leadId } = await start([connect(), acceptance('60s'), send('hello', 'Thanks for connecting, {{firstName}}.')]);
    await waitingFor(handle, 'acceptance');
    const [invite] = world.callsOf(leadId, 'sendLeadInvitation');
    expect(invite!.input.note).toMatch(/^Hi Ada, (great|nice) to meet you\.$/);
    expect(invite!.input.noteFallback).toBe('without_note');
    expect(world.delivered(leadId)).toEqual([]);
    await handle.signal(leadInvitationAcceptedSignal, { profileUrn: `urn:li:fsd_profile:${leadId}`, at: Date.now() });
    expect(await handle.result()).toMatchObject({ status: 'completed', stepsRun: [0, 1, 2] });
    expect(world.delivered(leadId).map((m) => m.text)).toEqual(['Thanks for connecting, Ada.']);
    expect(world.waits(leadId).find((w) => w.reason === 'acceptance')).toMatchObject({ ended: 'interrupted' });
  });

  it('does end the lead as skipped when nobody accepts before the timeout (onTimeout default end), after one last look', async () => {
    const { handle, leadId } = await start([connect(), acceptance('1s'), send('hello', 'Never sent.')]);
    expect(await handle.result()).toMatchObject({ status: 'skipped', reason: 'the invitation was not accepted within 1s' });
    expect(world.callsOf(leadId, 'checkLeadConnected')).toHaveLength(1);
    expect(world.delivered(leadId)).toEqual([]);
  });

  it('does take another path on a timeout when onTimeout names a step', async () => {
    const { handle, leadId } = await start([connect(), acceptance('1s', { onTimeout: 'fallback' } as Partial<SequenceStep>), send('hello', 'Connected path.'), { id: 'end', type: 'end' }, send('fallback', 'Fallback path.')]);
    expect(await handle.result()).toMatchObject({ status: 'completed' });
    expect(world.delivered(leadId).map((m) => m.text)).toEqual(['Fallback path.']);
  });

  it('does go on when the last look at the timeout finds the lead connected (accepted late, the check had not run yet)', async () => {
    const { handle, leadId } = await start([connect(), acceptance('1s'), send('hello', 'Late but welcome.')]);
    world.connected.add(leadId);
    expect(await handle.result()).toMatchObject({ status: 'completed' });
    expect(world.delivered(leadId).map((m) => m.text)).toEqual(['Late but welcome.']);
  });

  it('does skip straight on for a lead who is a connection already', async () => {
    const input = leadInput([]);
    world.invitationAnswers.set(input.leadId, [() => ({ status: 'already_connected' })]);
    const { handle, leadId } = await start([connect(), acceptance('60s'), send('hello', 'Hi again.')], { leadId: input.leadId, accountId: input.leadId });
    expect(await handle.result()).toMatchObject({ status: 'completed', stepsRun: [0, 1, 2] });
    expect(world.waits(leadId).find((w) => w.reason === 'acceptance')).toBeUndefined();
  });

  it('does wait out the invitation hold (weekly cap) and invite afterwards', async () => {
    const input = leadInput([]);
    world.invitationAnswers.set(input.leadId, [(now) => ({ status: 'wait', notBefore: now + 1500, reason: 'hold' })]);
    const { handle, leadId } = await start([connect(), acceptance('60s'), send('hello', 'Hello.')], { leadId: input.leadId, accountId: input.leadId });
    await waitingFor(handle, 'acceptance');
    expect(world.callsOf(leadId, 'sendLeadInvitation')).toHaveLength(2);
    expect(world.waits(leadId).find((w) => w.reason === 'invitations_hold')).toMatchObject({ ended: 'elapsed' });
    await handle.signal(leadInvitationAcceptedSignal, { profileUrn: 'x', at: Date.now() });
    expect((await handle.result()).status).toBe('completed');
  });

  it('does end as skipped when LinkedIn refuses the person (onRefused default end), and follow onRefused when given', async () => {
    const a = leadInput([]);
    world.invitationAnswers.set(a.leadId, [() => ({ status: 'refused', code: 'INVITATION_RESEND_TOO_SOON', message: 'recently invited' })]);
    const first = await start([connect(), acceptance('60s'), send('hello', 'x')], { leadId: a.leadId, accountId: a.leadId });
    expect(await first.handle.result()).toMatchObject({ status: 'skipped', reason: 'LinkedIn refused the invitation (INVITATION_RESEND_TOO_SOON)' });
    const b = leadInput([]);
    world.invitationAnswers.set(b.leadId, [() => ({ status: 'refused', code: 'NOT_INVITABLE', message: 'no' })]);
    const second = await start([connect({ onRefused: 'other' } as Partial<SequenceStep>), acceptance('60s'), send('hello', 'x'), send('other', 'Other way.')], { leadId: b.leadId, accountId: b.leadId });
    expect((await second.handle.result()).status).toBe('completed');
    expect(world.delivered(b.leadId).map((m) => m.text)).toEqual(['Other way.']);
  });

  it('does stop on a reply while waiting for the acceptance', async () => {
    const { handle, leadId } = await start([connect(), acceptance('60s'), send('hello', 'Never.')]);
    await waitingFor(handle, 'acceptance');
    await handle.signal(leadReplySignal, { messageUrn: 'urn:li:msg_message:r', at: Date.now(), source: 'inbox_sync' });
    expect((await handle.result()).status).toBe('replied');
    expect(world.delivered(leadId)).toEqual([]);
  });
});
