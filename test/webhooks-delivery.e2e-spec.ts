import { createHmac } from 'node:crypto';
import { api, createWorkspace } from './support/api-client';
import { SANDBOX, emulator } from './support/emulator-admin';
import { connectAccount, waitForSyncPasses } from './support/inbox';
import { waitFor } from './support/wait-for';
import { type ReceivedWebhook, WebhookReceiver } from './support/webhook-receiver';

// The e2e project's testTimeout is not applied per project by jest 30; set it here.
jest.setTimeout(120_000);

const sign = (secret: string, raw: string) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

describe('webhooks: signed, durable delivery of message and account events', () => {
  let key: string;
  let alex: string;
  let receiver: WebhookReceiver;
  let webhook: { id: string; secret: string };
  let other: { key: string; receiver: WebhookReceiver; webhookId: string };

  const eventsOf = (r: WebhookReceiver, event: string) => r.accepted().filter((w) => w.body.event === event);

  beforeAll(async () => {
    await emulator('POST', '/reset');
    receiver = await new WebhookReceiver().start();
    ({ key } = await createWorkspace());
    const created = await api('POST', '/v1/webhooks', { key, body: { url: receiver.url, description: 'e2e receiver' } });
    expect(created.status).toBe(201);
    webhook = { id: created.body.webhook.id, secret: created.body.webhook.secret };
    alex = await connectAccount(key, SANDBOX.alex, 'Alex');

    const ws2 = await createWorkspace();
    const otherReceiver = await new WebhookReceiver().start();
    const otherHook = await api('POST', '/v1/webhooks', { key: ws2.key, body: { url: otherReceiver.url, events: ['message.received'] } });
    other = { key: ws2.key, receiver: otherReceiver, webhookId: otherHook.body.webhook.id };
    await waitForSyncPasses(key, alex);
  });

  afterAll(async () => {
    await receiver.stop();
    await other.receiver.stop();
  });

  it('shows the secret once and never again', async () => {
    expect(webhook.secret).toMatch(/^whsec_/);
    const listed = await api('GET', '/v1/webhooks', { key });
    expect(listed.status).toBe(200);
    // No events given: every event, the inbox ones included.
    expect(listed.body.webhooks).toEqual([expect.objectContaining({ id: webhook.id, url: receiver.url, events: expect.arrayContaining(['message.received', 'message.sent', 'account.status_changed']) })]);
    expect(JSON.stringify(listed.body)).not.toContain(webhook.secret);
    const one = await api('GET', `/v1/webhooks/${webhook.id}`, { key });
    expect(one.body.webhook.secret).toBeUndefined();
  });

  it('delivers a reply typed in LinkedIn as a signed message.received in the hosted shape', async () => {
    const text = `Webhook reply at ${Date.now()}`;
    const reply = await emulator<{ messageUrn: string; conversationUrn: string }>('POST', `/members/${SANDBOX.sarah}/reply`, { text, accountProfileId: SANDBOX.alex });
    const delivery = await waitFor('message.received at the receiver', async () => eventsOf(receiver, 'message.received').find((w) => w.body.data.body === text));
    expect(delivery.headers['x-webhook-signature']).toBe(sign(webhook.secret, delivery.rawBody));
    expect(delivery.headers['x-webhook-id']).toBe(delivery.body.id);
    expect(delivery.body).toMatchObject({
      event: 'message.received',
      object: 'event',
      id: expect.stringMatching(/^evt_/),
      data: {
        id: expect.any(String),
        message_urn: reply.messageUrn,
        account_id: alex,
        provider: 'LINKEDIN',
        sender: { id: `urn:li:fsd_profile:${SANDBOX.sarah}`, name: 'Sarah Chen' },
        body: text,
        conversation_id: reply.conversationUrn,
        attachments: [],
      },
    });
    expect(Date.parse(delivery.body.data.timestamp)).not.toBeNaN();

    // Stored once, announced once: later passes do not fire it again.
    await api('POST', '/v1/conversations/sync', { key, body: { accountId: alex } });
    await new Promise((r) => setTimeout(r, 1500));
    expect(eventsOf(receiver, 'message.received').filter((w) => w.body.data.message_urn === reply.messageUrn)).toHaveLength(1);
  });

  it('fires message.sent for a message sent through the API', async () => {
    const text = `API send at ${Date.now()}`;
    const sent = await api('POST', '/v1/messages', { key, headers: { 'X-Account-Id': alex }, body: { recipientId: `urn:li:fsd_profile:${SANDBOX.priya}`, text } });
    expect(sent.status).toBe(200);
    const delivery = await waitFor('message.sent at the receiver', async () => eventsOf(receiver, 'message.sent').find((w) => w.body.data.body === text));
    expect(delivery.headers['x-webhook-signature']).toBe(sign(webhook.secret, delivery.rawBody));
    expect(delivery.body.data).toMatchObject({ id: sent.body.messageId, message_urn: sent.body.messageUrn, account_id: alex, provider: 'LINKEDIN', recipient_id: `urn:li:fsd_profile:${SANDBOX.priya}` });
  });

  it('retries a delivery when the receiver first fails, with the same event id and signature', async () => {
    receiver.failNext(1);
    const text = `Retried at ${Date.now()}`;
    await emulator('POST', `/members/${SANDBOX.marcus}/reply`, { text, accountProfileId: SANDBOX.alex });
    const delivered = await waitFor('the retried delivery', async () => eventsOf(receiver, 'message.received').find((w) => w.body.data.body === text), 90_000);
    const attempts = receiver.received.filter((w: ReceivedWebhook) => w.body.data?.body === text);
    expect(attempts.length).toBe(2);
    expect(attempts[0]!.body.rejected).toBe(true);
    expect(attempts[0]!.headers['x-webhook-id']).toBe(delivered.headers['x-webhook-id']);
    expect(delivered.headers['x-webhook-attempt']).toBe('2');
    expect(delivered.headers['x-webhook-signature']).toBe(sign(webhook.secret, delivered.rawBody));
    // The worker records the attempt after the receiver has answered: wait for the log to catch up.
    const entry = await waitFor('the delivery log to say delivered', async () => {
      const log = await api('GET', `/v1/webhooks/${webhook.id}/deliveries`, { key });
      const found = log.body.deliveries.find((d: { eventId: string; status: string }) => d.eventId === delivered.body.id);
      return found?.status === 'delivered' ? found : undefined;
    }, 20_000);
    expect(entry).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
  });

  it('redelivers only a failed delivery, scoped to its workspace: a delivered one is answered as it is, and nothing is sent again', async () => {
    const log = await api('GET', `/v1/webhooks/${webhook.id}/deliveries`, { key });
    const delivered = log.body.deliveries.find((d: { status: string }) => d.status === 'delivered');
    const before = receiver.received.length;
    const path = `/v1/webhooks/${webhook.id}/deliveries/${delivered.id}/redeliver`;
    for (let i = 0; i < 2; i++) {
      const res = await api('POST', path, { key });
      expect(res.status).toBe(200);
      expect(res.body.delivery).toMatchObject({ id: delivered.id, eventId: delivered.eventId, status: 'delivered', redeliveries: 0 });
    }
    expect((await api('POST', path, { key: other.key })).status).toBe(404);
    const unknown = await api('POST', `/v1/webhooks/${webhook.id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`, { key });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', field: 'deliveryId' });
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.received.length).toBe(before);
  });

  it('never delivers one workspace’s events to another, nor lets it see or delete its webhooks', async () => {
    expect(other.receiver.received).toHaveLength(0);
    const list = await api('GET', '/v1/webhooks', { key: other.key });
    expect(list.body.webhooks.map((w: { id: string }) => w.id)).toEqual([other.webhookId]);
    expect((await api('GET', `/v1/webhooks/${webhook.id}`, { key: other.key })).status).toBe(404);
    expect((await api('GET', `/v1/webhooks/${webhook.id}/deliveries`, { key: other.key })).status).toBe(404);
    expect((await api('DELETE', `/v1/webhooks/${webhook.id}`, { key: other.key })).status).toBe(404);
    expect((await api('GET', `/v1/webhooks/${webhook.id}`, { key })).status).toBe(200);
  });

  it('refuses a bad URL or an unknown event naming the field', async () => {
    const badUrl = await api('POST', '/v1/webhooks', { key, body: { url: 'ftp://example.com' } });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'url' });
    const badEvent = await api('POST', '/v1/webhooks', { key, body: { url: receiver.url, events: ['message.exploded'] } });
    expect(badEvent.status).toBe(400);
    expect(badEvent.body.field).toBe('events');
  });

  it('stops delivering to a deleted endpoint', async () => {
    const removed = await api('DELETE', `/v1/webhooks/${other.webhookId}`, { key: other.key });
    expect(removed.status).toBe(200);
    expect((await api('GET', '/v1/webhooks', { key: other.key })).body.webhooks).toEqual([]);
  });
});
