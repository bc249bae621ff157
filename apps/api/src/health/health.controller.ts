import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { CORE_CONFIG, type CoreConfig, TEMPORAL_CLIENT } from '@threadline/core';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { Public } from '../common/auth.guard';

type Check = { ok: boolean; latencyMs: number; error?: string };

async function timed(probe: () => Promise<unknown>): Promise<Check> {
  const start = Date.now();
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 3 s')), 3000))]);
    return { ok: true, latencyMs: Date.now() - start };
  } catch (err) {
    return { ok: false, latencyMs: Date.now() - start, error: err instanceof Error ? err.message : String(err) };
  }
}

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
  @ApiOperation({ summary: 'Reachability of Postgres, Temporal and LinkedIn (or the emulator)' })
  async health(@Res({ passthrough: true }) res: Response) {
    const [postgres, temporal, linkedin] = await Promise.all([
      timed(() => this.db.query('SELECT 1')),
      timed(() => this.temporal.workflowService.getSystemInfo({})),
      // Any HTTP answer (even a redirect) proves LinkedIn is reachable; only network failures count.
      timed(() => fetch(this.config.LINKEDIN_BASE_URL, { method: 'HEAD', redirect: 'manual' })),
    ]);
    const ok = postgres.ok && temporal.ok && linkedin.ok;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'degraded', checks: { postgres, temporal, linkedin: { ...linkedin, baseUrl: this.config.LINKEDIN_BASE_URL } } };
  }
}
