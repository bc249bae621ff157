import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type ThreadlineClient, createThreadlineClient } from '@threadline/client';
import { CliError } from './cli-error';

/** The options every command takes (flags, else THREADLINE_* variables through commander's `.env()`). */
export interface GlobalOptions {
  apiUrl?: string;
  apiKey?: string;
  adminToken?: string;
  credentials?: string;
  json?: boolean;
}

/** Where the API is and what the CLI may present to it. */
export interface Settings {
  apiUrl: string;
  apiKey?: string;
  adminToken?: string;
  /** The dev credentials file the defaults came from, to say so in errors. */
  devFile?: string;
}

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';
export const DEFAULT_CREDENTIALS_FILE = join('.data', 'dev-credentials.json');

interface DevCredentials { apiUrl?: string; apiKey?: string; accountId?: string }

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function origin(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    // reported below
  }
  if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:') throw new CliError(`the API URL must be an http(s) URL, e.g. ${DEFAULT_API_URL}`);
  return parsed.origin;
}

/**
 * Flags and variables win; else `npm run dev`'s `.data/dev-credentials.json` (its API URL and key) and the
 * operator token beside it (`.data/secrets.json`). The dev files apply only to the API they were written for,
 * so a dev key is never sent to another API.
 */
export function resolveSettings(options: GlobalOptions, cwd = process.cwd()): Settings {
  const file = resolve(cwd, options.credentials ?? DEFAULT_CREDENTIALS_FILE);
  const dev = readJson<DevCredentials>(file);
  const apiUrl = (options.apiUrl ?? dev?.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, '');
  const target = origin(apiUrl);
  const devApplies = typeof dev?.apiUrl === 'string' && URL.canParse(dev.apiUrl) && new URL(dev.apiUrl).origin === target;
  const settings: Settings = { apiUrl };
  const apiKey = options.apiKey ?? (devApplies ? dev?.apiKey : undefined);
  const adminToken = options.adminToken ?? (devApplies ? readJson<{ adminToken?: string }>(join(dirname(file), 'secrets.json'))?.adminToken : undefined);
  if (apiKey) settings.apiKey = apiKey;
  if (adminToken) settings.adminToken = adminToken;
  if (devApplies) settings.devFile = file;
  return settings;
}

/** A client of the workspace the API key belongs to. */
export function workspaceClient(settings: Settings): ThreadlineClient {
  if (!settings.apiKey) throw new CliError('no API key: set THREADLINE_API_KEY or pass --api-key (npm run dev writes one to .data/dev-credentials.json)');
  return createThreadlineClient({ baseUrl: settings.apiUrl, apiKey: settings.apiKey });
}

/** A client that presents the operator token (the /v1/admin routes). */
export function operatorClient(settings: Settings): ThreadlineClient {
  if (!settings.adminToken) throw new CliError('no operator token: set THREADLINE_ADMIN_TOKEN or pass --admin-token (the API\'s own THREADLINE_ADMIN_TOKEN)');
  return createThreadlineClient({ baseUrl: settings.apiUrl, apiKey: settings.adminToken });
}
