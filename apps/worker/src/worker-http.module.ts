import { Controller, Get, Module, Res, type DynamicModule } from '@nestjs/common';
import { type CoreConfig, CoreModule, MetricsRegistry } from '@threadline/core';
import { ProbesModule, ReadinessCheck } from '@threadline/core/probes';
import { isDomainError } from '@threadline/domain';
import type { Response } from 'express';

/** The worker's metrics port: Prometheus text, liveness and readiness (Postgres and Temporal answer), as the API's. */
@Controller()
export class WorkerProbesController {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly readiness: ReadinessCheck,
  ) {}

  @Get('metrics')
  async scrape(@Res() res: Response): Promise<void> {
    const { contentType, body } = await this.metrics.scrape();
    res.type(contentType).send(body);
  }

  @Get('health')
  live() {
    return { success: true, status: 'up' };
  }

  /** Up or down only, like the API's public probe: 503 with Retry-After when Postgres or Temporal does not answer. */
  @Get('health/ready')
  async ready(@Res() res: Response): Promise<void> {
    try {
      await this.readiness.assertReady();
      res.status(200).json({ success: true, status: 'up' });
    } catch (err) {
      if (!isDomainError(err) || err.code !== 'SERVICE_UNAVAILABLE') throw err;
      res.status(503).setHeader('Retry-After', String(Math.ceil((err.retryAfterMs ?? 5000) / 1000)));
      res.json({ success: false, status: 'down', error: { code: err.code, message: err.message } });
    }
  }
}

/** The worker's Nest application: the core services, and the probes its metrics port serves. */
@Module({})
export class WorkerModule {
  static forRoot(config: CoreConfig, imports: DynamicModule[] = []): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(config), ProbesModule, ...imports], controllers: [WorkerProbesController] };
  }
}
