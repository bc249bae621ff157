import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthContext, WebhooksService } from '@threadline/core';
import { Auth } from '../common/auth.guard';
import { CreateWebhookDto } from './create-webhook.dto';
import { CreatedWebhookResponse, WebhookDeliveriesResponse, WebhookDeliveryAnswer, WebhookListResponse } from './webhook-responses.dto';
import { toCreatedWebhookResponse, toDeliveryResponse, toWebhookResponse } from './webhook.mapper';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  @ApiOperation({ summary: 'Add a webhook endpoint; the signing secret is shown once', description: 'Each delivery is a POST with `X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the raw body>` and `X-Webhook-Id` (dedupe on it); failed deliveries are retried with backoff.' })
  async create(@Auth() auth: AuthContext, @Body() dto: CreateWebhookDto) {
    return toCreatedWebhookResponse(await this.webhooks.create(auth, dto));
  }

  @Get()
  @ApiOkResponse({ type: WebhookListResponse })
  @ApiOperation({ summary: 'List the workspace’s webhook endpoints' })
  async list(@Auth() auth: AuthContext) {
    return { success: true, webhooks: (await this.webhooks.list(auth)).map(toWebhookResponse) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook endpoint' })
  async get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return { success: true, webhook: toWebhookResponse(await this.webhooks.get(auth, id)) };
  }

  @Get(':id/deliveries')
  @ApiOkResponse({ type: WebhookDeliveriesResponse })
  @ApiOperation({ summary: 'Recent deliveries to an endpoint, with attempts and last error' })
  async deliveries(@Auth() auth: AuthContext, @Param('id') id: string) {
    return { success: true, deliveries: (await this.webhooks.deliveries(auth, id)).map(toDeliveryResponse) };
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookDeliveryAnswer })
  @ApiOperation({
    summary: 'Deliver a failed delivery again',
    description: 'Same event id (X-Webhook-Id) and payload, a fresh set of attempts. Idempotent: a delivery that was delivered or is pending is answered as it is.',
  })
  async redeliver(@Auth() auth: AuthContext, @Param('id') id: string, @Param('deliveryId') deliveryId: string) {
    return { success: true, delivery: toDeliveryResponse(await this.webhooks.redeliver(auth, id, deliveryId)) };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Remove a webhook endpoint; queued deliveries to it stop' })
  async remove(@Auth() auth: AuthContext, @Param('id') id: string) {
    await this.webhooks.remove(auth, id);
    return { success: true, id };
  }
}
