import { Client, Connection, type ConnectionOptions, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { CoreConfig } from '../config/config';
import { createPayloadCodec } from './payload-codec';

type Interceptor = NonNullable<ConnectionOptions['interceptors']>[number];

/** A call that sets no deadline of its own gets this one: a server that hangs answers as an outage, not never. */
export const DEFAULT_RPC_DEADLINE_MS = 5_000;
/** How long a call retries a server that refuses or drops connections before it reports the outage. */
export const OUTAGE_BUDGET_MS = 1_000;
// gRPC's reconnect backoff grows to 2 minutes by default: cap it, so the process is back within seconds of Temporal.
const CHANNEL_ARGS = { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 2_000 };

/**
 * The SDK's retry interceptor, bounded: every call has a deadline, and retries of an unreachable
 * server (UNAVAILABLE and the like) stop OUTAGE_BUDGET_MS after the first failure instead of ~20 s,
 * so the API answers 503 within 2 s while Temporal is down. Long polls set their own deadline.
 */
export function boundedRetryInterceptor(budgetMs = OUTAGE_BUDGET_MS, defaultDeadlineMs = DEFAULT_RPC_DEADLINE_MS): Interceptor {
  const base = defaultGrpcRetryOptions();
  return (options, nextCall) => {
    let firstFailure: number | null = null;
    const left = () => (firstFailure === null ? budgetMs : firstFailure + budgetMs - Date.now());
    const retry = makeGrpcRetryInterceptor({
      retryableDecider: (attempt, status) => {
        firstFailure ??= Date.now();
        return left() > 0 && base.retryableDecider(attempt, status);
      },
      delayFunction: (attempt, status) => Math.max(0, Math.min(base.delayFunction(attempt, status), left())),
    });
    return retry({ ...options, deadline: options.deadline ?? Date.now() + defaultDeadlineMs }, nextCall);
  };
}

/** Loaded by path (the workflow bundle needs it too): failure messages are encrypted with the payloads. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/** The data converter of every Temporal client and worker: payloads and failure messages are encrypted in history. */
export function temporalDataConverter(config: CoreConfig): DataConverter {
  return { payloadCodecs: [createPayloadCodec(config)], failureConverterPath: FAILURE_CONVERTER_PATH };
}

/** One connection per process to Temporal: the dev server locally, a cluster or Temporal Cloud in production. */
export function connectTemporalClient(config: CoreConfig): Client {
  // Lazy: the process starts even while Temporal is briefly away; /health reports it.
  const connection = Connection.lazy({
    address: config.TEMPORAL_ADDRESS,
    tls: config.TEMPORAL_TLS || Boolean(config.TEMPORAL_API_KEY),
    apiKey: config.TEMPORAL_API_KEY,
    interceptors: [boundedRetryInterceptor()],
    channelArgs: CHANNEL_ARGS,
  });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: temporalDataConverter(config) });
}

/** A link to a workflow run in the Temporal Web UI. */
export function temporalUiLink(config: CoreConfig, workflowId: string): string {
  return `${config.TEMPORAL_UI_URL.replace(/\/$/, '')}/namespaces/${encodeURIComponent(config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
}
