import type { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { MetricsRegistry } from '@threadline/core';
import { metricsInterceptor } from './metrics.interceptor';

const ctx = (activityType: string) => ({ info: { activityType }, log: { info: jest.fn(), warn: jest.fn() } }) as unknown as Context;

async function run(metrics: MetricsRegistry, activityType: string, arg: unknown, fn: () => Promise<unknown>): Promise<unknown> {
  const { inbound } = metricsInterceptor(metrics)(ctx(activityType));
  if (!inbound?.execute) return fn();
  return inbound.execute({ args: [arg], headers: {} }, fn);
}

async function value(metrics: MetricsRegistry, name: string, labels: Record<string, string>): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name)!.get();
  return metric.values.filter((v) => Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l)).reduce((n, v) => n + v.value, 0);
}

describe('metricsInterceptor', () => {
  it('counts delivery attempts by outcome and code, and sends by how they ended', async () => {
    const metrics = new MetricsRegistry();
    await run(metrics, 'deliverMessage', {}, async () => ({}));
    await expect(run(metrics, 'deliverLeadMessage', {}, async () => { throw ApplicationFailure.create({ type: 'LINKEDIN_RATE_LIMITED', message: 'slow down' }); })).rejects.toThrow('slow down');
    await run(metrics, 'recordMessageSent', {}, async () => undefined);
    await run(metrics, 'recordLeadStepFailed', { code: 'RECIPIENT_NOT_REACHABLE' }, async () => undefined);
    await run(metrics, 'recordMessageFailed', { code: 'something a receiver made up' }, async () => undefined);
    expect(await value(metrics, 'threadline_send_attempts_total', { kind: 'message', outcome: 'delivered', code: 'none' })).toBe(1);
    expect(await value(metrics, 'threadline_send_attempts_total', { kind: 'sequence', outcome: 'error', code: 'LINKEDIN_RATE_LIMITED' })).toBe(1);
    expect(await value(metrics, 'threadline_sends_total', { kind: 'message', outcome: 'sent' })).toBe(1);
    expect(await value(metrics, 'threadline_sends_total', { kind: 'sequence', outcome: 'failed', code: 'RECIPIENT_NOT_REACHABLE' })).toBe(1);
    // Codes outside our closed set never become a series of their own.
    expect(await value(metrics, 'threadline_sends_total', { kind: 'message', outcome: 'failed', code: 'OTHER' })).toBe(1);
  });

  it('counts webhook deliveries by outcome, a failed attempt as retrying, and giving up as failed', async () => {
    const metrics = new MetricsRegistry();
    await run(metrics, 'deliverWebhook', {}, async () => 'delivered');
    await run(metrics, 'deliverWebhook', {}, async () => 'skipped');
    await expect(run(metrics, 'deliverWebhook', {}, async () => { throw new Error('HTTP 500'); })).rejects.toThrow();
    await run(metrics, 'recordWebhookFailed', { deliveryId: 'd1' }, async () => undefined);
    for (const outcome of ['delivered', 'skipped', 'retrying', 'failed']) expect(await value(metrics, 'threadline_webhook_deliveries_total', { outcome })).toBe(1);
  });

  it('leaves other activities alone', () => {
    expect(metricsInterceptor(new MetricsRegistry())(ctx('syncInbox'))).toEqual({});
  });
});
