/** Where the e2e stack listens; set by the global setup for every test file. */
export interface StackInfo {
  apiUrl: string;
  emulatorUrl: string;
  adminToken: string;
  temporalAddress: string;
  namespace: string;
  databaseUrl: string;
  dataDir: string;
  /** The worker's metrics port (/metrics, /health, /health/ready) and Temporal's SDK metrics. */
  workerMetricsUrl?: string | null;
  temporalMetricsUrl?: string | null;
  /** Temporal's Web UI of the shared e2e stack (its codec endpoint is the API's, operators only, as in production). */
  temporalUiUrl?: string;
}

export function stackInfo(): StackInfo {
  const raw = process.env.THREADLINE_E2E;
  if (!raw) throw new Error('THREADLINE_E2E is not set: run the e2e tests through jest (global setup starts the stack).');
  return JSON.parse(raw) as StackInfo;
}
