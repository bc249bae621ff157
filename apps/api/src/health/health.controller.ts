import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { CORE_CONFIG, type CoreConfig, TEMPORAL_CLIENT } from '@threadline/core';
import { DomainError } from '@threadline/domain';
import type { DataSource } from 'typeorm';
import { AdminOnly, Public } from '../common/auth.guard';

/** A probe slower than this counts as down: readiness must answer fast enough for a load balancer. */
const PROBE_TIMEOUT_MS = 2000;

type Check = { ok: boolean; latencyMs: number; error?: string };

async function timed(probe: () => Promise<unknown>): Promise<Check> {
  const start = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([probe(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS)))]);
    return { ok: true, latencyMs: Date.now() - start };
  } catch (err) {
    return { ok: false, latencyMs: Date.now() - start, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Public liveness and readiness say only up or down; the details (latencies, errors, base URLs,
 * LinkedIn reachability) are for the operator token. LinkedIn never decides readiness: this process
 * serves reads and accepts sends while LinkedIn is away.
 */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  @Public()
  @Get(['health', 'v1/health'])
  @ApiOperation({ summary: 'Liveness: the process is up' })
  live() {
    return { success: true, status: 'up' };
  }

  @Public()
  @Get(['health/ready', 'v1/health/ready'])
  @ApiOperation({ summary: 'Readiness: Postgres and Temporal answer (503 SERVICE_UNAVAILABLE when not)' })
  @ApiServiceUnavailableResponse({ description: 'Postgres or Temporal does not answer.' })
  async ready() {
    const [postgres, temporal] = await Promise.all([this.probePostgres(), this.probeTemporal()]);
    if (!postgres.ok || !temporal.ok) {
      throw new DomainError('SERVICE_UNAVAILABLE', 'Not ready: a service this API needs does not answer. Operators: GET /v1/admin/health for details.', { retryAfterMs: 5000 });
    }
    return { success: true, status: 'up' };
  }

  @AdminOnly()
  @ApiBearerAuth()
  @Get('v1/admin/health')
  @ApiOperation({ summary: 'Operator: latency and errors of Postgres, Temporal and LinkedIn (or the emulator)' })
  async details() {
    const [postgres, temporal, linkedin] = await Promise.all([
      this.probePostgres(),
      this.probeTemporal(),
      // Any HTTP answer (even a redirect) proves LinkedIn is reachable; only network failures count.
      timed(() => fetch(this.config.LINKEDIN_BASE_URL, { method: 'HEAD', redirect: 'manual' })),
    ]);
    const ready = postgres.ok && temporal.ok;
    return { success: true, status: ready && linkedin.ok ? 'ok' : 'degraded', ready, checks: { postgres, temporal, linkedin: { ...linkedin, baseUrl: this.config.LINKEDIN_BASE_URL } } };
  }

  private probePostgres(): Promise<Check> {
    return timed(() => this.db.query('SELECT 1'));
  }

  private probeTemporal(): Promise<Check> {
    // The RPC's own deadline ends it with the probe, instead of leaving it open after the answer.
    return timed(() => this.temporal.connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () => this.temporal.workflowService.getSystemInfo({})));
  }
}
