import type { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, Next } from '@temporalio/worker';
import { type MetricsRegistry, type SendKind, codeLabel } from '@threadline/core';

/** What an activity's end means for the product's series; activities not listed count nothing. */
type Observer = (metrics: MetricsRegistry, outcome: { ok: true; result: unknown; input: unknown } | { ok: false; code: string | undefined; input: unknown }, ctx: Context) => void;

const failureCode = (err: unknown) => (err instanceof ApplicationFailure ? (err.type ?? undefined) : undefined);

function attempt(kind: SendKind): Observer {
  return (m, o) => m.sendAttempts.inc({ kind, outcome: o.ok ? 'delivered' : 'error', code: o.ok ? 'none' : codeLabel(o.code) });
}

function ended(kind: SendKind, outcome: 'sent' | 'failed'): Observer {
  return (m, o, ctx) => {
    if (!o.ok) return;
    const code = outcome === 'failed' ? codeLabel((o.input as { code?: string }).code) : 'none';
    m.sends.inc({ kind, outcome, code });
    ctx.log.info(outcome === 'sent' ? 'send recorded as sent' : 'send recorded as failed', { kind, outcome, code });
  };
}

const OBSERVERS: Record<string, Observer> = {
  deliverMessage: attempt('message'),
  deliverLeadMessage: attempt('sequence'),
  recordMessageSent: ended('message', 'sent'),
  recordMessageFailed: ended('message', 'failed'),
  recordLeadSent: ended('sequence', 'sent'),
  recordLeadStepFailed: ended('sequence', 'failed'),
  deliverWebhook: (m, o) => m.webhookDeliveries.inc({ outcome: o.ok ? (o.result === 'delivered' ? 'delivered' : 'skipped') : 'retrying' }),
  recordWebhookFailed: (m, o, ctx) => {
    if (!o.ok) return;
    m.webhookDeliveries.inc({ outcome: 'failed' });
    ctx.log.warn('webhook delivery gave up', { deliveryId: (o.input as { deliveryId?: string }).deliveryId });
  },
};

/**
 * Counts sends and webhook deliveries where Temporal runs them: at the end of the activities that
 * deliver or record them, so the core services stay free of metrics code and a retried activity counts
 * once per attempt.
 */
export function metricsInterceptor(metrics: MetricsRegistry): ActivityInterceptorsFactory {
  return (ctx) => {
    const observe = OBSERVERS[ctx.info.activityType];
    if (!observe) return {};
    const inbound: ActivityInboundCallsInterceptor = {
      async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>) {
        const arg = input.args[0];
        let result: unknown;
        try {
          result = await next(input);
        } catch (err) {
          observe(metrics, { ok: false, code: failureCode(err), input: arg }, ctx);
          throw err;
        }
        observe(metrics, { ok: true, result, input: arg }, ctx);
        return result;
      },
    };
    return { inbound };
  };
}
