import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Response shapes for OpenAPI; the mappers in webhook.mapper.ts build them.

export class WebhookResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'https://example.com/hooks/threadline' }) url!: string;
  @ApiProperty({ example: ['message.received', 'message.sent', 'account.status_changed'] }) events!: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ example: 'whsec_AbCd', description: 'The first characters of the secret, to tell secrets apart.' }) secretPrefix!: string;
  @ApiProperty() createdAt!: string;
}

export class CreatedWebhookBody extends WebhookResponse {
  @ApiProperty({ example: 'whsec_…', description: 'HMAC-SHA256 key of X-Webhook-Signature. Shown once.' }) secret!: string;
}

export class CreatedWebhookResponse {
  @ApiProperty() success!: true;
  @ApiProperty({ type: CreatedWebhookBody }) webhook!: CreatedWebhookBody;
}

export class WebhookListResponse {
  @ApiProperty() success!: true;
  @ApiProperty({ type: [WebhookResponse] }) webhooks!: WebhookResponse[];
}

export class WebhookDeliveryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'evt_3f2a…', description: 'Equals X-Webhook-Id and the payload id.' }) eventId!: string;
  @ApiProperty({ example: 'message.received' }) event!: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status!: string;
  @ApiProperty({ description: 'Attempts over every run of this delivery.' }) attempts!: number;
  @ApiProperty({ description: 'How often it was redelivered after it failed.' }) redeliveries!: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) lastStatusCode!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) lastError!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) deliveredAt!: string | null;
  @ApiProperty() createdAt!: string;
}

export class WebhookDeliveryAnswer {
  @ApiProperty() success!: true;
  @ApiProperty({ type: WebhookDeliveryResponse }) delivery!: WebhookDeliveryResponse;
}

export class WebhookDeliveriesResponse {
  @ApiProperty() success!: true;
  @ApiProperty({ type: [WebhookDeliveryResponse] }) deliveries!: WebhookDeliveryResponse[];
}
