import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { oneOf } from './one-of';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { WorkspaceEntity } from './workspace.entity';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One event for one endpoint; unique per (endpoint, event id), so an event is queued once. */
@Entity({ name: 'webhook_deliveries' })
@Unique(['endpointId', 'eventId'])
@Check('webhook_deliveries_status_check', oneOf('status', WEBHOOK_DELIVERY_STATUSES))
// created_at DESC in the migration (TypeORM cannot declare the order; a B-tree serves both).
@Index('webhook_deliveries_workspace_idx', ['workspaceId', 'createdAt'])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @ForeignKey(() => WebhookEndpointEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId!: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ type: 'text' })
  event!: string;

  /** The exact JSON sent (and signed) on every attempt. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  status!: WebhookDeliveryStatus;

  /** How often delivery was asked for again after it failed (each time a run of its own). */
  @Column({ type: 'int', default: 0 })
  redeliveries!: number;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_status_code', type: 'int', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
