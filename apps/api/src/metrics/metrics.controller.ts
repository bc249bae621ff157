import { Controller, Get, type OnModuleInit, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MetricsRegistry, StateMetrics } from '@threadline/core';
import type { Response } from 'express';
import { AdminOnly, OpenToLoopbackWhenLocal } from '../common/auth.guard';

/**
 * Prometheus scrape endpoint. It takes the operator token (Prometheus: `authorization.credentials`), as
 * workspace ids and volumes are the operator's business; with CODEC_ENDPOINT_ACCESS=local (the local
 * stack) loopback callers need none, like the codec endpoint.
 */
@ApiTags('operator')
@ApiBearerAuth()
@AdminOnly()
@OpenToLoopbackWhenLocal()
@Controller()
export class MetricsController implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly state: StateMetrics,
  ) {}

  onModuleInit(): void {
    this.state.enable();
  }

  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics (operator token): sends, webhooks, quota, accounts, inbox sync lag, HTTP latency' })
  @ApiOkResponse({ description: 'Prometheus text exposition format.', content: { 'text/plain': { schema: { type: 'string' } } } })
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const { contentType, body } = await this.metrics.scrape();
    res.type(contentType);
    return body;
  }
}
