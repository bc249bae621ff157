import { randomUUID } from 'node:crypto';
import type { ThreadlineClient, components } from '@threadline/client';
import { api, createWorkspace, threadline } from './support/api-client';
import { connectAccount } from './support/accounts';
import { SANDBOX, emulator, received } from './support/emulator-admin';
import { waitFor } from './support/wait-for';
import { WebhookReceiver } from './support/webhook-receiver';

const sarah = `urn:li:fsd_profile:${SANDBOX.sarah}`;
// Morgan is not connected to Alex: LinkedIn refuses a normal message to Morgan (NOT_CONNECTED).
const morgan = `urn:li:fsd_profile:${SANDBOX.morgan}`;

describe('the quota ledger through the API: limits, refusals, cap changes, holds and warm-up', () => {
  let key: string;
  let alex: string;
  let receiver: WebhookReceiver;
  // Through the typed client (libs/client), so a change of these routes' shapes fails here too.
  let tl: ThreadlineClient;

  const limits = async () => {
    const { data, response } = await tl.GET('/v1/accounts/{id}/limits', { params: { path: { id: alex } } });
    expect(response.status).toBe(200);
    return data!;
  };
  const send = (recipientId: string, text: string) => tl.POST('/v1/messages', { params: { header: { 'X-Account-Id': alex, 'Idempotency-Key': randomUUID() } }, body: { recipientId, text } });
  const patch = (body: components['schemas']['UpdateAccountDto']) => tl.PATCH('/v1/accounts/{id}', { params: { path: { id: alex } }, body });
  const statusEvents = () => receiver.accepted().filter((w) => w.body.event === 'account.status_changed' && w.body.data.account_id === alex).map((w) => w.body.data);

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    ({ key } = await createWorkspace());
    await api('POST', '/v1/webhooks', { key, body: { url: receiver.url, events: ['account.status_changed'] } });
    alex = await connectAccount(key, SANDBOX.alex, 'Alex');
    tl = threadline(key);
  });

  afterAll(async () => {
    await emulator('DELETE', '/faults');
    await receiver.stop();
  });

  it('shows each action\'s daily and weekly budget, what was used and reserved, the next free slot, and no warm-up or hold for a warm account', async () => {
    const body = await limits();
    expect(body).toMatchObject({ success: true, accountId: alex, status: 'active', warmup: null, hold: null });
    for (const action of ['messages', 'inmails'] as const) {
      expect(body.actions[action].daily).toEqual({ limit: expect.any(Number), used: expect.any(Number), reserved: expect.any(Number), remaining: expect.any(Number), resetAt: expect.any(String) });
      expect(Date.parse(body.actions[action].nextFreeSlot!)).toBeGreaterThan(0);
    }
    expect(body.actions.messages.weekly).toMatchObject({ limit: 5000 });
    expect(body.actions.inmails.weekly).toBeNull();
    expect(Date.parse(body.actions.messages.daily.resetAt)).toBe(new Date().setUTCHours(24, 0, 0, 0));
  });

  it('counts a send LinkedIn stored once, in the limits and in the X-RateLimit headers alike', async () => {
    const before = (await limits()).actions.messages.daily;
    const sent = await send(sarah, 'Counted once');
    expect(sent.response.status).toBe(200);
    const after = (await limits()).actions.messages.daily;
    expect(after).toMatchObject({ used: before.used + 1, reserved: 0 });
    // The headers come from the tightest window, read the same way.
    expect(Number(sent.response.headers.get('x-ratelimit-used'))).toBe(after.used);
    expect(Number(sent.response.headers.get('x-ratelimit-remaining'))).toBe(after.remaining);
  });

  it('gives the unit back when LinkedIn refuses the send (not connected): used does not move, nothing stays reserved', async () => {
    const before = (await limits()).actions.messages.daily;
    const refused = await send(morgan, 'Refused by LinkedIn');
    expect(refused.response.status).toBe(403);
    expect(refused.error?.code).toBe('RECIPIENT_NOT_REACHABLE');
    await waitFor('the reservation released', async () => {
      const daily = (await limits()).actions.messages.daily;
      return daily.reserved === 0 ? daily : undefined;
    }, 10_000);
    expect((await limits()).actions.messages.daily).toMatchObject({ used: before.used, reserved: 0, remaining: before.remaining });
  });

  it('shows a raised daily cap at once, and spends it', async () => {
    const { used } = (await limits()).actions.messages.daily;
    expect((await patch({ dailyMessageCap: used })).response.status).toBe(200);
    expect((await limits()).actions.messages.daily).toMatchObject({ limit: used, remaining: 0 });
    expect(Date.parse((await limits()).actions.messages.nextFreeSlot!)).toBe(new Date().setUTCHours(24, 0, 0, 0));
    const full = await send(sarah, 'over the cap');
    expect(full.error?.code).toBe('QUOTA_EXCEEDED');

    expect((await patch({ dailyMessageCap: used + 1 })).response.status).toBe(200);
    expect((await limits()).actions.messages.daily).toMatchObject({ limit: used + 1, remaining: 1 });
    expect((await send(sarah, 'within the raised cap')).response.status).toBe(200);
    expect((await patch({ dailyMessageCap: null })).response.status).toBe(200);
  });

  it('ends a hold from a LinkedIn 429 by itself: account.status_changed back to active and the reason cleared', async () => {
    await emulator('POST', '/faults', { kind: '429', route: 'createMessage', account: SANDBOX.alex, retryAfterSeconds: 3, times: 1 });
    const before = (await received(SANDBOX.alex)).length;
    const held = send(sarah, 'Throttled once, sent after the hold');
    const onHold = await waitFor('the hold in the limits', async () => (await limits()).hold ?? undefined, 20_000, 100);
    expect(onHold.reason).toMatch(/throttled/i);
    expect((await limits()).status).toBe('on_hold');

    const sent = await held;
    expect(sent.response.status).toBe(200);
    const delivered = (await received(SANDBOX.alex)).slice(before);
    expect(delivered.map((m) => m.text)).toEqual(['Throttled once, sent after the hold']);
    expect(delivered[0]!.deliveredAt).toBeGreaterThanOrEqual(Date.parse(onHold.until) - 1_000);

    const ended = await waitFor('account.status_changed: the hold ended', async () => statusEvents().find((e) => e.previous_status === 'on_hold'), 20_000);
    expect(ended).toMatchObject({ status: 'active', reason: null, hold_until: null });
    expect(statusEvents().map((e) => `${e.previous_status}->${e.status}`)).toEqual(['active->on_hold', 'on_hold->active']);
    const { account } = (await tl.GET('/v1/accounts/{id}', { params: { path: { id: alex } } })).data!;
    expect(account).toMatchObject({ status: 'active', statusReason: null, holdUntil: null });
    expect((await limits()).hold).toBeNull();
  });

  it('lifts a manual hold at once with PATCH holdUntil: null, announced', async () => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect((await patch({ holdUntil: until })).data?.account).toMatchObject({ status: 'on_hold', statusReason: 'paused through the API' });
    expect((await limits()).actions.messages.nextFreeSlot).toBe(until);
    expect((await patch({ holdUntil: null })).data?.account).toMatchObject({ status: 'active', statusReason: null, holdUntil: null });
    await waitFor('account.status_changed: the manual hold lifted', async () => statusEvents().filter((e) => e.previous_status === 'on_hold').length === 2 || undefined, 10_000);
  });

  it('puts an account in warm-up with a reduced cap that shows in its limits, and takes it out again', async () => {
    const startedAt = new Date().toISOString();
    const res = await patch({ warmupDays: 14, warmupStartedAt: startedAt });
    expect(res.data?.account).toMatchObject({ status: 'warming', warmupDays: 14, warmupStartedAt: startedAt });
    const body = await limits();
    expect(body).toMatchObject({ status: 'warming', warmup: { day: 1, days: 14, dailyCap: 10, startCap: 10, startedAt } });
    expect(body.actions.messages.daily.limit).toBe(10);
    expect(body.actions.inmails.daily.limit).toBe(10);
    // The hosted status path says WARMUP.
    expect((await api('GET', `/linkedin/account/${alex}/status`, { key })).body).toMatchObject({ status: 'WARMUP', accountStatus: 'warming' });

    expect((await patch({ warmupStartCap: 3 })).response.status).toBe(200);
    expect((await limits()).warmup).toMatchObject({ dailyCap: 3, startCap: 3 });
    expect((await patch({ warmupStartedAt: null })).data?.account.status).toBe('active');
    expect((await limits()).warmup).toBeNull();
    await waitFor('account.status_changed in and out of warm-up', async () => {
      const moves = statusEvents().map((e) => `${e.previous_status}->${e.status}`);
      return moves.includes('active->warming') && moves.includes('warming->active') || undefined;
    }, 10_000);
  });

  it('describes the limits answer in OpenAPI, with examples', async () => {
    const doc = (await api('GET', '/openapi.json')).body;
    const ok = doc.paths['/v1/accounts/{id}/limits'].get.responses['200'].content['application/json'].schema;
    expect(ok.$ref).toBe('#/components/schemas/AccountLimitsResponse');
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas.AccountLimitsResponse.properties)).toEqual(['success', 'accountId', 'status', 'actions', 'warmup', 'hold', 'invitationsHold', 'checkedAt']);
    expect(schemas.WindowLimitsResponse.properties.reserved.example).toBe(1);
    expect(schemas.WarmupStageResponse.properties.dailyCap.example).toBe(22);
  });

  it('answers 400 naming the field for a bad warm-up setting, and 404 for another workspace\'s account', async () => {
    for (const [body, field] of [[{ warmupDays: -1 }, 'warmupDays'], [{ warmupStartCap: 0 }, 'warmupStartCap'], [{ warmupStartedAt: 'soon' }, 'warmupStartedAt']] as const) {
      const res = await patch(body as components['schemas']['UpdateAccountDto']);
      expect(res.response.status).toBe(400);
      expect(res.error?.field).toBe(field);
    }
    const other = await createWorkspace();
    expect((await threadline(other.key).GET('/v1/accounts/{id}/limits', { params: { path: { id: alex } } })).response.status).toBe(404);
  });
});
