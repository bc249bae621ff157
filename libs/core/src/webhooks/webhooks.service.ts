import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { type Agent, fetch } from 'undici';
import { WebhooksRepository, type WebhookDeliveryEntity, type WebhookEndpointEntity } from '@threadline/db';
import { DomainError } from '@threadline/domain';
import { type WebhookDeliveryInput, webhookDeliveryWorkflowId, WORKFLOW_TASK_QUEUE } from '@threadline/contracts';
import type { AuthContext } from '../auth/auth-context';
import type { CoreConfig } from '../config/config';
import type { SecretBox } from '../crypto/secret-box';
import { CORE_CONFIG, SECRET_BOX, TEMPORAL_CLIENT } from '../tokens';
import { type WebhookEvent, WEBHOOK_EVENTS, webhookEnvelope, webhookEventId } from './webhook-events';
import { signWebhookBody } from './webhook-signature';
import { assertExternalWebhookLiteral, assertExternalWebhookUrl, webhookDispatcher } from './webhook-target';

export interface CreateWebhookInput {
  url: string;
  events?: WebhookEvent[];
  description?: string;
}

export interface CreatedWebhook {
  endpoint: WebhookEndpointEntity;
  /** The signing secret; returned once. */
  secret: string;
}

/** Webhook endpoints per workspace, and durable, signed delivery of events to them. */
@Injectable()
export class WebhooksService implements OnModuleDestroy {
  private readonly logger = new Logger('WebhooksService');
  private readonly dispatcher: Agent;

  constructor(
    private readonly webhooks: WebhooksRepository,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {
    this.dispatcher = webhookDispatcher(config.WEBHOOK_ALLOW_PRIVATE_URLS);
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.close();
  }

  async create(auth: AuthContext, input: CreateWebhookInput): Promise<CreatedWebhook> {
    if (!this.config.WEBHOOK_ALLOW_PRIVATE_URLS) await assertExternalWebhookUrl(input.url);
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const endpoint = await this.webhooks.createEndpoint({
      workspaceId: auth.workspaceId,
      url: input.url,
      events: [...new Set(input.events?.length ? input.events : WEBHOOK_EVENTS)],
      description: input.description ?? null,
      secretEncrypted: this.box.seal(secret),
      secretPrefix: secret.slice(0, 10),
    });
    return { endpoint, secret };
  }

  list(auth: AuthContext): Promise<WebhookEndpointEntity[]> {
    return this.webhooks.listEndpoints(auth.workspaceId);
  }

  async get(auth: AuthContext, id: string): Promise<WebhookEndpointEntity> {
    const endpoint = isUUID(id) ? await this.webhooks.findEndpoint(auth.workspaceId, id) : null;
    if (!endpoint) throw new DomainError('NOT_FOUND', `No webhook ${id} in this workspace. List yours with GET /v1/webhooks.`);
    return endpoint;
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    if (!isUUID(id) || !(await this.webhooks.deleteEndpoint(auth.workspaceId, id))) throw new DomainError('NOT_FOUND', `No webhook ${id} in this workspace.`);
  }

  /**
   * Delivers a failed delivery again: the same event id and payload (receivers dedupe on X-Webhook-Id), with a
   * fresh set of attempts. Idempotent: a delivery that is delivered or already pending is answered as it is.
   */
  async redeliver(auth: AuthContext, id: string, deliveryId: string): Promise<WebhookDeliveryEntity> {
    const endpoint = await this.get(auth, id);
    const found = isUUID(deliveryId) ? await this.webhooks.findDelivery(auth.workspaceId, endpoint.id, deliveryId) : null;
    if (!found) throw new DomainError('NOT_FOUND', `No delivery ${deliveryId} of webhook ${id}. List them with GET /v1/webhooks/${id}/deliveries.`, { field: 'deliveryId' });
    const redelivery = await this.webhooks.reopenFailed(auth.workspaceId, found.id);
    if (redelivery !== null) await this.startDelivery(found.id, redelivery);
    return (await this.webhooks.findDelivery(auth.workspaceId, endpoint.id, found.id)) ?? found;
  }

  async deliveries(auth: AuthContext, id: string, limit = 50): Promise<WebhookDeliveryEntity[]> {
    const endpoint = await this.get(auth, id);
    return this.webhooks.listDeliveries(auth.workspaceId, endpoint.id, limit);
  }

  /**
   * Queues an event for every endpoint of the workspace that wants it and starts one durable delivery
   * workflow per endpoint. Idempotent per event id: emitting the same fact again queues nothing new.
   * Returns the event id.
   */
  async emit(workspaceId: string, event: WebhookEvent, data: Record<string, unknown>, eventId = webhookEventId(event, workspaceId, JSON.stringify(data))): Promise<string> {
    const endpoints = await this.webhooks.endpointsFor(workspaceId, event);
    const payload = webhookEnvelope(eventId, event, data, new Date());
    const deliveryIds: string[] = [];
    for (const endpoint of endpoints) deliveryIds.push(await this.webhooks.enqueue(workspaceId, endpoint.id, eventId, event, payload));
    // Once queued, an event is never lost: a delivery whose start fails here is started by redrivePending.
    for (const id of deliveryIds) await this.startDelivery(id).catch((err: unknown) => this.logger.warn(`delivery ${id} queued, start deferred: ${String(err)}`));
    return eventId;
  }

  /** `account.status_changed`, for AccountStatusEvents to call on every transition. */
  emitAccountStatusChanged(change: { workspaceId: string; accountId: string; from: string | null; to: string; reason: string | null; holdUntil: Date | null; at: Date }): Promise<string> {
    return this.emit(
      change.workspaceId,
      'account.status_changed',
      {
        account_id: change.accountId, provider: 'LINKEDIN', previous_status: change.from, status: change.to, reason: change.reason,
        hold_until: change.holdUntil?.toISOString() ?? null, timestamp: change.at.toISOString(),
      },
      webhookEventId('account.status_changed', change.accountId, change.from ?? '', change.to, String(change.at.getTime())),
    );
  }

  /** One attempt: POSTs the stored payload, signed; a non-2xx answer or a timeout throws so Temporal retries. */
  async deliver(deliveryId: string, attempt: number): Promise<'delivered' | 'skipped'> {
    const target = await this.webhooks.findTarget(deliveryId);
    if (!target || target.delivery.status === 'delivered') return 'skipped';
    if (target.endpointDeleted) {
      await this.webhooks.markFailed(deliveryId, 'the endpoint was deleted');
      return 'skipped';
    }
    const body = JSON.stringify(target.delivery.payload);
    const secret = this.box.open(target.secretEncrypted);
    let status: number | null = null;
    try {
      // Again at delivery, on the address actually connected to (the dispatcher's lookup): no DNS rebinding.
      if (!this.config.WEBHOOK_ALLOW_PRIVATE_URLS) assertExternalWebhookLiteral(target.url);
      const res = await fetch(target.url, {
        dispatcher: this.dispatcher,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Threadline-Webhooks/1',
          'x-webhook-signature': signWebhookBody(secret, body),
          'x-webhook-id': target.delivery.eventId,
          'x-webhook-event': target.delivery.event,
          'x-webhook-attempt': String(attempt),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) throw new Error(`the receiver answered HTTP ${res.status}`);
    } catch (err) {
      const message = failureOf(err);
      await this.webhooks.recordAttempt(deliveryId, status, message);
      throw new Error(`Webhook delivery ${deliveryId} to ${target.url} failed: ${message}`);
    }
    await this.webhooks.recordAttempt(deliveryId, status, null);
    return 'delivered';
  }

  /** Starts deliveries still pending a while after they were queued (their first start failed); idempotent. */
  async redrivePending(olderThanMs = 60_000, limit = 200): Promise<number> {
    const stale = await this.webhooks.stalePending(new Date(Date.now() - olderThanMs), limit);
    for (const { id, redeliveries } of stale) await this.startDelivery(id, redeliveries);
    return stale.length;
  }

  async recordFailed(deliveryId: string, error: string): Promise<void> {
    await this.webhooks.markFailed(deliveryId, error);
  }

  private async startDelivery(deliveryId: string, redelivery = 0): Promise<void> {
    const input: WebhookDeliveryInput = {
      deliveryId,
      initialRetryMs: Math.round(this.config.WEBHOOK_RETRY_INITIAL_SECONDS * 1000),
      maxAttempts: this.config.WEBHOOK_MAX_ATTEMPTS,
    };
    try {
      await this.temporal.workflow.start('webhookDeliveryWorkflow', {
        taskQueue: WORKFLOW_TASK_QUEUE,
        workflowId: webhookDeliveryWorkflowId(deliveryId, redelivery),
        args: [input],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      // Already delivered (or running) under this id: the event is in hand.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      this.logger.debug?.(`delivery ${deliveryId} already started`);
    }
  }
}

/** fetch says only "fetch failed"; the reason (refused address, refused connection, timeout) is its cause. */
function failureOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message;
}
