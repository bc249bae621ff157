import { ThreadlineApiError } from '@threadline/client';
import { CliError } from './cli-error';

/** Where a command writes: results on stdout, everything for the person (progress, notes, errors) on stderr. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export const processIo: Io = { stdout: process.stdout, stderr: process.stderr };

export function printLine(io: Io, line = ''): void {
  io.stdout.write(`${line}\n`);
}

export function note(io: Io, line: string): void {
  io.stderr.write(`${line}\n`);
}

export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Columns padded to their widest cell; the last column is not padded. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** What an error says to a person, or to a script with --json. */
export interface ErrorReport {
  code: string;
  error: string;
  status?: number;
  field?: string;
  requestId?: string;
  retryAfterSeconds?: number;
}

/** The network error behind undici's "fetch failed": its code (ECONNREFUSED, ENOTFOUND, …), else its message. */
function networkCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown; message?: unknown; errors?: Array<{ code?: unknown }> } }).cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message;
  return typeof code === 'string' && code ? code : undefined;
}

export function errorReport(err: unknown, apiUrl: string | undefined): ErrorReport {
  if (err instanceof ThreadlineApiError) {
    const text = err.message.startsWith(`${err.code}: `) ? err.message.slice(err.code.length + 2) : err.message;
    const report: ErrorReport = { code: err.code, error: text, status: err.status };
    if (err.field) report.field = err.field;
    if (err.requestId) report.requestId = err.requestId;
    if (err.retryAfterMs !== undefined) report.retryAfterSeconds = Math.ceil(err.retryAfterMs / 1000);
    return report;
  }
  if (err instanceof CliError) return { code: err.code, error: err.message };
  if (err instanceof TypeError && err.message === 'fetch failed') {
    const code = networkCode(err);
    return { code: 'API_UNREACHABLE', error: `cannot reach the Threadline API at ${apiUrl ?? 'its URL'}${code ? ` (${code})` : ''}: is it running? (THREADLINE_API_URL or --api-url)` };
  }
  return { code: 'CLI_FAILED', error: err instanceof Error ? err.message : String(err) };
}

/** `error: CODE: message (HTTP 404, field x, request id y)`, or the report as JSON with --json. */
export function printError(io: Io, report: ErrorReport, json: boolean): void {
  if (json) {
    io.stderr.write(`${JSON.stringify({ success: false, ...report })}\n`);
    return;
  }
  const extra = [
    report.status !== undefined ? `HTTP ${report.status}` : undefined,
    report.field ? `field ${report.field}` : undefined,
    report.retryAfterSeconds !== undefined ? `retry after ${report.retryAfterSeconds} s` : undefined,
    report.requestId ? `request id ${report.requestId}` : undefined,
  ].filter(Boolean);
  io.stderr.write(`error: ${report.code}: ${report.error}${extra.length ? ` (${extra.join(', ')})` : ''}\n`);
}
