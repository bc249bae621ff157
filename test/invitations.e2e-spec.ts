// Invitations through the API against the real stack: POST /v1/connect (and /linkedin/connect), GET /v1/invitations,
// the invitation.sent / invitation.accepted webhooks, and the weekly cap that holds invitations while messages go on.
import { randomUUID } from 'node:crypto';
import { api } from './support/api-client';
import { SANDBOX, emulator } from './support/emulator-admin';
import { type Member, loadScenarioWithMembers, resetEmulator, workspaceWithAlex } from './support/sequences';
import { waitFor } from './support/wait-for';
import { WebhookReceiver } from './support/webhook-receiver';

const sarah = `urn:li:fsd_profile:${SANDBOX.sarah}`;

describe('invitations through the API', () => {
  let receiver: WebhookReceiver;
  let people: Member[];
  let key: string;
  let alex: string;

  const connect = (body: Record<string, unknown>, options: { key?: string; account?: string; idem?: string } = {}) =>
    api('POST', '/v1/connect', { key: options.key ?? key, headers: { 'X-Account-Id': options.account ?? alex, 'Idempotency-Key': options.idem ?? randomUUID() }, body });
  const invitesTo = async (member: Member) => ((await emulator('GET', `/invitations?account=${SANDBOX.alex}`)).invitations as Array<{ to: string }>).filter((i) => i.to === member.profileId);
  const limits = async (k: string, account: string) => (await api('GET', `/v1/accounts/${account}/limits`, { key: k })).body;

  beforeAll(async () => {
    // Strangers only: nobody of the sandbox is invited or connected by these tests.
    people = await loadScenarioWithMembers(0, 8);
    receiver = await new WebhookReceiver().start();
    ({ key, alexId: alex } = await workspaceWithAlex());
    await api('POST', '/v1/webhooks', { key, body: { url: receiver.url, events: ['invitation.sent', 'invitation.accepted'] } });
  });
  afterAll(async () => {
    await emulator('DELETE', '/faults');
    await receiver.stop();
    await resetEmulator();
  });

  it('does invite with a note through the hosted /linkedin/connect, once per Idempotency-Key, with X-RateLimit headers', async () => {
    const idem = randomUUID();
    const body = { profileUrn: people[0]!.urn, customMessage: 'Hi Lead0, loved your post.' };
    const first = await api('POST', '/linkedin/connect', { key, headers: { 'X-Account-Id': alex, 'Idempotency-Key': idem }, body });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ success: true, state: 'pending', profileUrn: people[0]!.urn, note: 'Hi Lead0, loved your post.', accountId: alex });
    expect(first.body.invitationUrn).toMatch(/^urn:li:fsd_invitation:/);
    expect(first.headers.get('x-ratelimit-action')).toBe('invitation');
    const again = await api('POST', '/linkedin/connect', { key, headers: { 'X-Account-Id': alex, 'Idempotency-Key': idem }, body });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await invitesTo(people[0]!)).toHaveLength(1);
    await waitFor('invitation.sent webhook', async () => receiver.accepted().some((w) => w.body.event === 'invitation.sent' && w.body.data.id === first.body.id));
  });

  it('does refuse a second invitation to someone already invited (409 ALREADY_INVITED), bad input naming the field, and count only what LinkedIn stored', async () => {
    const before = (await limits(key, alex)).actions.invitations.daily.used;
    const dup = await connect({ profileUrn: people[0]!.urn });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'ALREADY_INVITED', field: 'profileId' });
    const none = await connect({});
    expect(none.status).toBe(400);
    expect(none.body.field).toBe('profileId');
    const long = await connect({ profileUrn: people[1]!.urn, customMessage: 'x'.repeat(301) });
    expect(long.status).toBe(400);
    expect((await limits(key, alex)).actions.invitations.daily.used).toBe(before);
  });

  it('does mark the prospect, not the account, on a per-person refusal (CANT_RESEND_YET)', async () => {
    await emulator('POST', '/faults', { kind: 'invite_cant_resend', account: SANDBOX.alex, invitee: people[2]!.profileId, times: 1 });
    const refused = await connect({ profileUrn: people[2]!.urn });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('INVITATION_RESEND_TOO_SOON');
    const body = await limits(key, alex);
    expect(body.invitationsHold).toBeNull();
    expect(body.hold).toBeNull();
    expect((await connect({ profileUrn: people[3]!.urn })).status).toBe(200);
  });

  it('does list the workspace\'s invitations with their state, by cursor, and only its own', async () => {
    const page1 = await api('GET', '/v1/invitations?limit=1', { key });
    expect(page1.status).toBe(200);
    expect(page1.body.invitations).toHaveLength(1);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await api('GET', `/v1/invitations?limit=50&cursor=${page1.body.nextCursor}`, { key });
    const all = [...page1.body.invitations, ...page2.body.invitations];
    expect(all.map((i: { profileUrn: string }) => i.profileUrn)).toEqual(expect.arrayContaining([people[0]!.urn, people[3]!.urn]));
    // A refused API invitation is answered 4xx and stores nothing.
    expect(all.find((i: { profileUrn: string }) => i.profileUrn === people[2]!.urn)).toBeUndefined();
    const other = await workspaceWithAlex();
    expect((await api('GET', '/v1/invitations', { key: other.key })).body.invitations).toEqual([]);
    expect((await api('GET', `/v1/invitations/${all[0].id}`, { key: other.key })).status).toBe(404);
    expect((await api('GET', '/v1/invitations?cursor=nonsense', { key })).status).toBe(400);
  });

  it('does find the acceptance by the scheduled connections check: state accepted and an invitation.accepted webhook', async () => {
    const sent = (await api('GET', `/v1/invitations?state=pending`, { key })).body.invitations.find((i: { profileUrn: string }) => i.profileUrn === people[0]!.urn);
    await emulator('POST', `/members/${people[0]!.profileId}/accept-invitation`, { account: SANDBOX.alex });
    const accepted = await waitFor('accepted', async () => {
      const res = await api('GET', `/v1/invitations/${sent.id}`, { key });
      return res.body.state === 'accepted' ? res.body : undefined;
    });
    expect(Date.parse(accepted.acceptedAt)).toBeGreaterThan(0);
    await waitFor('invitation.accepted webhook', async () => receiver.accepted().some((w) => w.body.event === 'invitation.accepted' && w.body.data.id === sent.id));
    expect(receiver.accepted().filter((w) => w.body.event === 'invitation.accepted' && w.body.data.id === sent.id)).toHaveLength(1);
    const again = await connect({ profileUrn: people[0]!.urn });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_CONNECTED');
  });

  it('does hold invitations, not messages, when LinkedIn answers FUSE_LIMIT_EXCEEDED', async () => {
    await emulator('POST', '/faults', { kind: 'invite_weekly_cap', account: SANDBOX.alex, times: 1 });
    const capped = await connect({ profileUrn: people[4]!.urn });
    expect(capped.status).toBe(429);
    expect(capped.body).toMatchObject({ code: 'INVITATIONS_HELD', holdUntil: expect.any(String) });
    expect(Number(capped.headers.get('retry-after'))).toBeGreaterThan(3600);
    const body = await limits(key, alex);
    expect(body.invitationsHold).toMatchObject({ until: capped.body.holdUntil });
    expect(body.hold).toBeNull();
    expect(body.actions.invitations.nextFreeSlot).toBe(capped.body.holdUntil);
    // Messages keep flowing.
    const message = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': alex, 'Idempotency-Key': randomUUID() }, body: { recipientId: sarah, text: 'Still messaging while invitations are held' } });
    expect(message.status).toBe(200);
    // The next invitation waits without asking LinkedIn.
    const counts = async () => ((await emulator('GET', '/requests')).byAccount[SANDBOX.alex]?.createInvitation ?? 0) as number;
    const before = await counts();
    const held = await connect({ profileUrn: people[5]!.urn });
    expect(held.status).toBe(429);
    expect(held.body.code).toBe('INVITATIONS_HELD');
    expect(await counts()).toBe(before);
  });

  it('does hold invitations on the silent weekly cap too (LinkedIn answered, the sent list does not have it)', async () => {
    const other = await workspaceWithAlex();
    await emulator('POST', '/faults', { kind: 'invite_weekly_cap_silent', account: SANDBOX.alex, times: 1 });
    const capped = await connect({ profileUrn: people[6]!.urn }, { key: other.key, account: other.alexId });
    expect(capped.status).toBe(429);
    expect(capped.body.code).toBe('INVITATIONS_HELD');
    expect((await api('GET', '/v1/invitations', { key: other.key })).body.invitations).toEqual([]);
    const body = await limits(other.key, other.alexId);
    expect(body.actions.invitations.daily.reserved).toBe(0);
    expect(body.invitationsHold).toMatchObject({ until: capped.body.holdUntil });
  });
});
