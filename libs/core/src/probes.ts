// A separate entry (@threadline/core/probes): @nestjs/terminus 12 is published as ES modules only, which
// Node 20 loads through require() but jest cannot, so nothing that unit specs import may pull it in.
export * from './health/readiness.check';
export * from './health/probes.module';
