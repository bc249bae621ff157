import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricsRepository } from '@threadline/db';
import type { QuotaService } from '../quota/quota.service';
import { MetricsRegistry } from './metrics.registry';
import { StateMetrics } from './state-metrics';

/** Temporal SDK series the dashboard reads (names as the SDK's Prometheus exporter writes them, seen in test/observability.serial-spec.ts). */
const TEMPORAL = ['temporal_workflow_task_schedule_to_start_latency', 'temporal_activity_schedule_to_start_latency', 'temporal_worker_task_slots_available', 'temporal_sticky_cache_size', 'temporal_sticky_cache_hit'];

describe('deploy/grafana/threadline.json', () => {
  it('reads only series that Threadline and the Temporal SDK export', async () => {
    const dashboard = JSON.parse(readFileSync(join(__dirname, '../../../../deploy/grafana/threadline.json'), 'utf8')) as { panels: Array<{ targets: Array<{ expr: string }> }> };
    const metrics = new MetricsRegistry();
    new StateMetrics(metrics, {} as MetricsRepository, {} as QuotaService).enable();
    const ours = new Set(metrics.registry.getMetricsAsArray().map((m) => m.name));
    const base = (name: string) => name.replace(/_(bucket|count|sum)$/, '');
    const used = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => [...t.expr.matchAll(/\b(threadline_\w+|temporal_\w+)/g)].map((m) => m[1]!)));
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((name) => !ours.has(base(name)) && !TEMPORAL.includes(base(name)))).toEqual([]);
  });
});
