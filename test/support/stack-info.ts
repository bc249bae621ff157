/** Where the e2e stack listens; set by the global setup for every test file. */
export interface StackInfo {
  apiUrl: string;
  /** The stack's default LinkedIn (LINKEDIN_BASE_URL): only what has no account uses it (health checks). */
  emulatorUrl: string;
  /** One emulator per jest worker, each an allowed account `baseUrl`: see `specEmulatorUrl`. */
  workerEmulatorUrls?: string[];
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

/**
 * The LinkedIn of the running spec: its jest worker's own emulator. Files on one worker run one after another
 * (and reset it as they need), while files on other workers use theirs, so parallel specs share no emulator
 * state, and, since a member's caps go by base URL and profile, no member ledger either.
 */
export function specEmulatorUrl(): string {
  const info = stackInfo();
  const urls = info.workerEmulatorUrls ?? [];
  if (urls.length === 0) return info.emulatorUrl;
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  return urls[(worker - 1) % urls.length]!;
}
