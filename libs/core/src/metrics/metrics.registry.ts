import { Injectable } from '@nestjs/common';
import { ERROR_CODES } from '@threadline/domain';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Sends of the API (`message`) and of campaigns (`sequence`). */
export type SendKind = 'message' | 'sequence';
export type WebhookOutcome = 'delivered' | 'skipped' | 'retrying' | 'failed';

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** An error code as a label value: our closed set, anything else `OTHER`, so no message text or id becomes a series. */
export function codeLabel(code: string | undefined): string {
  if (!code) return 'none';
  return KNOWN_CODES.has(code) ? code : 'OTHER';
}

/**
 * This process's Prometheus registry and the event series both processes count. Labels are closed sets
 * (outcome, error code, route template): no account, lead or workspace id in a counter.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  readonly sends = new Counter({
    name: 'threadline_sends_total',
    help: 'Sends that ended: sent (LinkedIn stored the message) or failed for good, by kind and error code',
    labelNames: ['kind', 'outcome', 'code'] as const,
    registers: [this.registry],
  });

  readonly sendAttempts = new Counter({
    name: 'threadline_send_attempts_total',
    help: 'Delivery attempts to LinkedIn (a retried send counts once per attempt), by kind, outcome and error code',
    labelNames: ['kind', 'outcome', 'code'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'threadline_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome: delivered, skipped (already delivered or endpoint gone), retrying (attempt failed), failed (gave up)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'threadline_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'threadline_' });
  }

  /** The text exposition format (`/metrics`). */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
