import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthService } from '@threadline/core';
import { ReadinessCheck } from '@threadline/core/probes';
import { AdminOnly, Public } from '../common/auth.guard';

/**
 * Public liveness and readiness say only up or down; the details (latencies, errors, base URLs,
 * LinkedIn reachability) are for the operator token.
 */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly readiness: ReadinessCheck,
  ) {}

  @Public()
  @Get(['health', 'v1/health'])
  @ApiOperation({ summary: 'Liveness: the process is up' })
  live() {
    return { success: true, status: 'up' };
  }

  @Public()
  @Get(['health/ready', 'v1/health/ready'])
  @ApiOperation({ summary: 'Readiness: Postgres and Temporal answer (503 SERVICE_UNAVAILABLE when not); LinkedIn being unreachable never fails it' })
  @ApiServiceUnavailableResponse({ description: 'Postgres or Temporal does not answer.' })
  async ready() {
    await this.readiness.assertReady();
    return { success: true, status: 'up' };
  }

  @AdminOnly()
  @ApiBearerAuth()
  @Get('v1/admin/health')
  @ApiOperation({ summary: 'Operator: latency and errors of Postgres, Temporal and LinkedIn (or the emulator)' })
  async details() {
    return { success: true, ...(await this.health.details()) };
  }
}
