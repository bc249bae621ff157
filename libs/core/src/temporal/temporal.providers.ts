import { Client, Connection } from '@temporalio/client';
import type { CoreConfig } from '../config/config';

/** One connection per process to Temporal: the dev server locally, a cluster or Temporal Cloud in production. */
export function connectTemporalClient(config: CoreConfig): Client {
  // Lazy: the process starts even while Temporal is briefly away; /health reports it.
  const connection = Connection.lazy({
    address: config.TEMPORAL_ADDRESS,
    tls: config.TEMPORAL_TLS || Boolean(config.TEMPORAL_API_KEY),
    apiKey: config.TEMPORAL_API_KEY,
  });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}

/** A link to a workflow run in the Temporal Web UI. */
export function temporalUiLink(config: CoreConfig, workflowId: string): string {
  return `${config.TEMPORAL_UI_URL.replace(/\/$/, '')}/namespaces/${encodeURIComponent(config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;
}
