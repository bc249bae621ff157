import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ReadinessCheck } from './readiness.check';

/** Terminus and the readiness check, for the API and the worker's metrics port (CoreModule must be loaded). */
@Module({
  // Probe failures answer 503 in our envelope; the details are for operators (/v1/admin/health), not the log.
  imports: [TerminusModule.forRoot({ logger: false })],
  providers: [ReadinessCheck],
  exports: [ReadinessCheck],
})
export class ProbesModule {}
