import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { WebhookDeliveryEntity } from '../entities/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../entities/webhook-endpoint.entity';

export interface NewWebhookEndpoint {
  workspaceId: string;
  url: string;
  events: string[];
  description: string | null;
  secretEncrypted: string;
  secretPrefix: string;
}

/** A delivery with what the sender needs: the endpoint's URL and encrypted secret. */
export interface DeliveryTarget {
  delivery: WebhookDeliveryEntity;
  url: string;
  secretEncrypted: string;
  endpointDeleted: boolean;
}

@Injectable()
export class WebhooksRepository {
  constructor(
    @InjectRepository(WebhookEndpointEntity) private readonly endpoints: Repository<WebhookEndpointEntity>,
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
  ) {}

  async createEndpoint(fields: NewWebhookEndpoint): Promise<WebhookEndpointEntity> {
    const saved = await this.endpoints.save(this.endpoints.create({ ...fields, deletedAt: null }));
    return this.endpoints.findOneByOrFail({ id: saved.id });
  }

  listEndpoints(workspaceId: string): Promise<WebhookEndpointEntity[]> {
    return this.endpoints.find({ where: { workspaceId, deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  findEndpoint(workspaceId: string, id: string): Promise<WebhookEndpointEntity | null> {
    return this.endpoints.findOneBy({ workspaceId, id, deletedAt: IsNull() });
  }

  /** Soft delete: queued deliveries to it stop at their next attempt. */
  async deleteEndpoint(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.endpoints.update({ workspaceId, id, deletedAt: IsNull() }, { deletedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  /** Live endpoints of a workspace subscribed to an event. */
  endpointsFor(workspaceId: string, event: string): Promise<WebhookEndpointEntity[]> {
    return this.endpoints
      .createQueryBuilder('e')
      .where('e.workspace_id = :workspaceId AND e.deleted_at IS NULL AND :event = ANY(e.events)', { workspaceId, event })
      .getMany();
  }

  /** Queues an event for an endpoint once; returns the delivery id (existing or new). */
  async enqueue(workspaceId: string, endpointId: string, eventId: string, event: string, payload: Record<string, unknown>): Promise<string> {
    const rows: { id: string }[] = await this.deliveries.query(
      `INSERT INTO webhook_deliveries (workspace_id, endpoint_id, event_id, event, payload) VALUES ($1,$2,$3,$4,$5::jsonb)
       ON CONFLICT (endpoint_id, event_id) DO UPDATE SET updated_at = webhook_deliveries.updated_at
       RETURNING id`,
      [workspaceId, endpointId, eventId, event, JSON.stringify(payload)],
    );
    return rows[0]!.id;
  }

  /** Pending deliveries untouched since `before`: queued (or asked for again), but maybe never started. */
  async stalePending(before: Date, limit: number): Promise<Array<{ id: string; redeliveries: number }>> {
    return this.deliveries.query(
      `SELECT id, redeliveries FROM webhook_deliveries WHERE status = 'pending' AND updated_at < $1 ORDER BY created_at LIMIT $2`,
      [before, limit],
    );
  }

  findDelivery(workspaceId: string, endpointId: string, id: string): Promise<WebhookDeliveryEntity | null> {
    return this.deliveries.findOneBy({ workspaceId, endpointId, id });
  }

  /**
   * A failed delivery becomes pending again, counted; null when it was not failed (delivered, or already
   * pending: a repeated request changes nothing). One statement, so two requests never both win.
   */
  async reopenFailed(workspaceId: string, id: string): Promise<number | null> {
    const [rows] = (await this.deliveries.query(
      `UPDATE webhook_deliveries SET status = 'pending', redeliveries = redeliveries + 1, updated_at = now()
       WHERE workspace_id = $1 AND id = $2 AND status = 'failed' RETURNING redeliveries`,
      [workspaceId, id],
    )) as [Array<{ redeliveries: number }>, number];
    return rows[0]?.redeliveries ?? null;
  }

  async findTarget(deliveryId: string): Promise<DeliveryTarget | null> {
    const delivery = await this.deliveries.findOneBy({ id: deliveryId });
    if (!delivery) return null;
    const endpoint = await this.endpoints
      .createQueryBuilder('e')
      .addSelect('e.secretEncrypted')
      .where('e.id = :id', { id: delivery.endpointId })
      .getOne();
    if (!endpoint) return null;
    return { delivery, url: endpoint.url, secretEncrypted: endpoint.secretEncrypted, endpointDeleted: endpoint.deletedAt !== null };
  }

  async recordAttempt(deliveryId: string, statusCode: number | null, error: string | null): Promise<void> {
    await this.deliveries.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
         status = CASE WHEN $3::text IS NULL THEN 'delivered' ELSE status END,
         delivered_at = CASE WHEN $3::text IS NULL THEN now() ELSE delivered_at END, updated_at = now()
       WHERE id = $1`,
      [deliveryId, statusCode, error],
    );
  }

  async markFailed(deliveryId: string, error: string): Promise<void> {
    await this.deliveries.update({ id: deliveryId }, { status: 'failed', lastError: error });
  }

  listDeliveries(workspaceId: string, endpointId: string, limit: number): Promise<WebhookDeliveryEntity[]> {
    return this.deliveries.find({ where: { workspaceId, endpointId }, order: { createdAt: 'DESC' }, take: limit });
  }
}
