import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { DatabaseHealthRepository } from '@threadline/db';
import type { CoreConfig } from '../config/config';
import { CORE_CONFIG, TEMPORAL_CLIENT } from '../tokens';

/** A probe slower than this counts as down: readiness must answer fast enough for a load balancer. */
const PROBE_TIMEOUT_MS = 2000;

export interface HealthCheck {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface HealthDetails {
  status: 'ok' | 'degraded';
  ready: boolean;
  checks: { postgres: HealthCheck; temporal: HealthCheck; linkedin: HealthCheck & { baseUrl: string } };
}

async function timed(probe: () => Promise<unknown>): Promise<HealthCheck> {
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

/** Whether the services this process needs answer. LinkedIn never decides readiness: reads and accepted sends go on without it. */
@Injectable()
export class HealthService {
  constructor(
    private readonly db: DatabaseHealthRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  /** For operators: latency and error of each dependency; LinkedIn down only degrades. */
  async details(): Promise<HealthDetails> {
    const [postgres, temporal, linkedin] = await Promise.all([
      this.probePostgres(),
      this.probeTemporal(),
      // Any HTTP answer (even a redirect) proves LinkedIn is reachable; only network failures count.
      timed(() => fetch(this.config.LINKEDIN_BASE_URL, { method: 'HEAD', redirect: 'manual' })),
    ]);
    const ready = postgres.ok && temporal.ok;
    return { status: ready && linkedin.ok ? 'ok' : 'degraded', ready, checks: { postgres, temporal, linkedin: { ...linkedin, baseUrl: this.config.LINKEDIN_BASE_URL } } };
  }

  /** Postgres answers `SELECT 1` within 2 s. */
  probePostgres(): Promise<HealthCheck> {
    return timed(() => this.db.ping());
  }

  /** Temporal's frontend answers GetSystemInfo within 2 s. */
  probeTemporal(): Promise<HealthCheck> {
    // The RPC's own deadline ends it with the probe, instead of leaving it open after the answer.
    return timed(() => this.temporal.connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () => this.temporal.workflowService.getSystemInfo({})));
  }
}
