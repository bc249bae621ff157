import { unwrap } from '@threadline/client';
import { type Io, note, printJson, printLine } from '../output';
import { type Settings, operatorClient, workspaceClient } from '../settings';

export interface CreateKeyOptions {
  /** Mint the key for this workspace with the operator token (a workspace that lost its keys). */
  workspace?: string;
  rateLimit?: number;
}

/** The key alone on stdout (`KEY=$(threadline keys create …)`), what it is on stderr: it is shown once. */
function printKey(io: Io, key: { id: string; name: string; prefix: string; key: string }, json: boolean, answer: unknown, workspaceId?: string): void {
  if (json) return printJson(io, answer);
  note(io, `Created API key "${key.name}" (id ${key.id}, prefix ${key.prefix})${workspaceId ? ` for workspace ${workspaceId}` : ''}. Store it now: it is shown once.`);
  printLine(io, key.key);
}

/** `threadline keys create <name>`: with the workspace's key, or with `--workspace` and the operator token. */
export async function createKey(settings: Settings, io: Io, name: string, options: CreateKeyOptions, json: boolean): Promise<void> {
  const body = { name, ...(options.rateLimit !== undefined ? { rateLimitPerMinute: options.rateLimit } : {}) };
  const answer = options.workspace
    ? await unwrap(operatorClient(settings).POST('/v1/admin/workspaces/{id}/api-keys', { params: { path: { id: options.workspace } }, body }))
    : await unwrap(workspaceClient(settings).POST('/v1/api-keys', { body }));
  printKey(io, answer.apiKey, json, answer.apiKey, options.workspace);
}

/** `threadline workspaces create <name>`: a workspace and its first key, with the operator token. */
export async function createWorkspace(settings: Settings, io: Io, name: string, json: boolean): Promise<void> {
  const answer = await unwrap(operatorClient(settings).POST('/v1/admin/workspaces', { body: { name } }));
  if (json) return printJson(io, { workspace: answer.workspace, apiKey: answer.apiKey });
  note(io, `Created workspace "${answer.workspace.name}" (id ${answer.workspace.id}).`);
  printKey(io, answer.apiKey, false, answer.apiKey);
}
