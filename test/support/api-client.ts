import { createThreadlineClient, type ThreadlineClient } from '@threadline/client';
import { stackInfo } from './stack-info';

export interface ApiResponse<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  key?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One API answer as the client saw it: status line, every header, the raw body. */
export interface RecordedAnswer {
  method: string;
  path: string;
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

const recorders = new Set<RecordedAnswer[]>();

/** From now on every answer `api()` gets is also pushed onto the returned list (the secrets suite searches them); `stop` ends it. */
export function recordApiAnswers(): { answers: RecordedAnswer[]; stop(): void } {
  const answers: RecordedAnswer[] = [];
  recorders.add(answers);
  return { answers, stop: () => recorders.delete(answers) };
}

/** A JSON request to the Threadline API of the e2e stack. */
export async function api<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${stackInfo().apiUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await res.text();
  for (const answers of recorders) answers.push({ method, path, status: res.status, headers: [...res.headers], body: text });
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

/** The fetch of the typed client: the same recording as `api()`, so the secrets suite searches its answers too. */
async function recordingFetch(request: Request): Promise<Response> {
  const res = await fetch(request);
  if (recorders.size > 0) {
    const text = await res.clone().text();
    const url = new URL(request.url);
    for (const answers of recorders) answers.push({ method: request.method, path: url.pathname + url.search, status: res.status, headers: [...res.headers], body: text });
  }
  return res;
}

/**
 * The typed client (libs/client, @threadline/client) against the e2e stack, for one workspace key. Specs
 * that go through it keep the generated client honest: a route or a shape it no longer matches fails them.
 * No retries: a spec sees exactly what the API answered.
 */
export function threadline(key: string, accountId?: string): ThreadlineClient {
  return createThreadlineClient({ baseUrl: stackInfo().apiUrl, apiKey: key, accountId, retries: 0, fetch: recordingFetch });
}

/** A fresh workspace and its API key, created through the operator endpoint. */
export async function createWorkspace(name = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`): Promise<{ workspaceId: string; key: string }> {
  const res = await api('POST', '/v1/admin/workspaces', { key: stackInfo().adminToken, body: { name } });
  if (res.status !== 201 && res.status !== 200) throw new Error(`creating a workspace answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { workspaceId: res.body.workspace.id, key: res.body.apiKey.key };
}
