import type { LogLevel, LogMetadata, Logger } from '@temporalio/worker';
import { hostname } from 'node:os';
import pino, { type Logger as PinoLogger } from 'pino';

/** Fields that carry LinkedIn cookies, tokens or proxy credentials, wherever a log call puts them. */
const REDACT = [
  'cookie', 'cookies', 'liAt', 'jsessionId', 'liA', 'proxyUrl', 'authorization', 'headers.cookie', 'headers.authorization',
  '*.cookie', '*.cookies', '*.liAt', '*.jsessionId', '*.liA', '*.proxyUrl', '*.authorization',
];

const URL_QUERY = /(\bhttps?:\/\/[^\s?#"'<>]+)\?[^\s#"'<>]*/g;

/** A URL's query string becomes `[redacted]`: LinkedIn and webhook URLs carry tokens and ids there. */
export function redactQueryStrings(text: string): string {
  return text.replace(URL_QUERY, '$1?[redacted]');
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactQueryStrings(value);
  if (depth > 3 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    // The same kind of error (pino's serializer reads its type and cause), with the texts scrubbed.
    const copy = Object.assign(Object.create(Object.getPrototypeOf(value) as object) as Error, value);
    copy.message = redactQueryStrings(value.message);
    if (value.stack) copy.stack = redactQueryStrings(value.stack);
    if (value.cause !== undefined) copy.cause = scrub(value.cause, depth + 1);
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

/**
 * The worker's logger: JSON lines in the API's format (pino: level, time, pid, hostname, msg), with
 * `service: "worker"`, cookies redacted by field and query strings cut from any URL in the text.
 */
export function createWorkerLogger(level: string, destination?: pino.DestinationStream): PinoLogger {
  return pino(
    {
      level,
      base: { pid: process.pid, hostname: hostname(), service: 'worker' },
      redact: { paths: REDACT, censor: '[redacted]' },
      // An activity's task token completes it from outside: never in a log.
      formatters: { log: ({ taskToken: _taskToken, ...obj }) => scrub(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? redactQueryStrings(a) : a)) as Parameters<typeof method>;
          method.apply(this, scrubbed);
        },
      },
    },
    destination,
  );
}

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/**
 * Temporal's Runtime logger on pino: the SDK's own lines, Core's forwarded ones, and workflow and activity
 * `log` calls, whose meta carries workflowId, runId, activityId, taskQueue and sdkComponent.
 */
export class TemporalPinoLogger implements Logger {
  constructor(private readonly pino: PinoLogger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    // Symbol keys (the SDK's own timestamp) are not JSON; pino's own time stands.
    const fields = meta ? Object.fromEntries(Object.entries(meta)) : {};
    this.pino[LEVELS[level] ?? 'info'](fields, message);
  }
  trace(message: string, meta?: LogMetadata): void { this.log('TRACE', message, meta); }
  debug(message: string, meta?: LogMetadata): void { this.log('DEBUG', message, meta); }
  info(message: string, meta?: LogMetadata): void { this.log('INFO', message, meta); }
  warn(message: string, meta?: LogMetadata): void { this.log('WARN', message, meta); }
  error(message: string, meta?: LogMetadata): void { this.log('ERROR', message, meta); }
}
