import type { CreatedWebhook, WebhookDeliveryEntity, WebhookEndpointEntity } from '@threadline/core';

export function toWebhookResponse(e: WebhookEndpointEntity) {
  return { id: e.id, url: e.url, events: e.events, description: e.description, secretPrefix: e.secretPrefix, createdAt: e.createdAt.toISOString() };
}

/** The only answer that carries the signing secret. */
export function toCreatedWebhookResponse(created: CreatedWebhook) {
  return { success: true, webhook: { ...toWebhookResponse(created.endpoint), secret: created.secret } };
}

export function toDeliveryResponse(d: WebhookDeliveryEntity) {
  return {
    id: d.id, eventId: d.eventId, event: d.event, status: d.status, attempts: d.attempts, redeliveries: d.redeliveries, lastStatusCode: d.lastStatusCode,
    lastError: d.lastError, deliveredAt: d.deliveredAt?.toISOString() ?? null, createdAt: d.createdAt.toISOString(),
  };
}
