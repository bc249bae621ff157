import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import { DomainError } from '@threadline/domain';
import { type HealthCheck, HealthService } from './health.service';

/**
 * Readiness through Terminus: Postgres and Temporal answer. LinkedIn is never part of it (it is
 * reported per account, and in the operator's details). Needs TerminusModule where it is provided.
 */
@Injectable()
export class ReadinessCheck {
  constructor(
    private readonly checks: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly health: HealthService,
  ) {}

  /** Terminus's result when ready; SERVICE_UNAVAILABLE, without the underlying errors, when not. */
  async assertReady(): Promise<HealthCheckResult> {
    try {
      return await this.checks.check([() => this.indicator('postgres', () => this.health.probePostgres()), () => this.indicator('temporal', () => this.health.probeTemporal())]);
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      throw new DomainError('SERVICE_UNAVAILABLE', 'Not ready: a service this process needs does not answer. Operators: GET /v1/admin/health for details.', { retryAfterMs: 5000 });
    }
  }

  private async indicator(key: string, probe: () => Promise<HealthCheck>): Promise<HealthIndicatorResult> {
    const result = await probe();
    const session = this.indicators.check(key);
    return result.ok ? session.up({ latencyMs: result.latencyMs }) : session.down({ latencyMs: result.latencyMs });
  }
}
