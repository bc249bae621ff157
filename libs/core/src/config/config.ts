import 'reflect-metadata';
import { Expose, Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const toBool = ({ value }: { value: unknown }) => (typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value);
const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;

/** The migration runner needs only the database. */
export class MigrationConfig {
  @Expose() @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL!: string;
}

/** Settings every Threadline process that touches Postgres, Temporal and LinkedIn shares. */
export class CoreConfig {
  /** postgres://user:pass@host:port/db */
  @Expose() @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL!: string;

  @Expose() @IsString() @IsNotEmpty()
  TEMPORAL_ADDRESS: string = '127.0.0.1:7233';

  @Expose() @IsString() @IsNotEmpty()
  TEMPORAL_NAMESPACE: string = 'threadline';

  /** Temporal Cloud API key; turns TLS on. */
  @Expose() @IsOptional() @IsString()
  TEMPORAL_API_KEY?: string;

  @Expose() @Transform(toBool) @IsBoolean()
  TEMPORAL_TLS: boolean = false;

  @Expose() @IsString() @Matches(/^https?:\/\//, { message: 'must be an http(s) URL' })
  TEMPORAL_UI_URL: string = 'http://127.0.0.1:8233';

  /** Where LinkedIn lives for accounts that do not say otherwise: real LinkedIn, or the emulator. */
  @Expose() @IsString() @Matches(/^https?:\/\//, { message: 'must be an http(s) URL' })
  LINKEDIN_BASE_URL: string = 'https://www.linkedin.com';

  /** Other LinkedIn base URLs an account may be pointed at (comma-separated), e.g. the emulator in development. */
  @Expose() @IsString()
  LINKEDIN_ALLOWED_BASE_URLS: string = 'https://www.linkedin.com';

  /** 32 random bytes, base64: encrypts LinkedIn cookies at rest (AES-256-GCM). */
  @Expose() @IsString() @Matches(BASE64_32_BYTES, { message: 'must be 32 bytes in base64 (openssl rand -base64 32)' })
  THREADLINE_ENCRYPTION_KEY!: string;

  /** Temporal payload keys, comma-separated (32 bytes base64 each): the first encrypts, all decrypt. Unset: one derived from THREADLINE_ENCRYPTION_KEY (HKDF), which always stays readable. */
  @Expose() @IsOptional() @IsString() @Matches(/^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$/, { message: 'must be comma-separated 32-byte keys in base64 (openssl rand -base64 32)' })
  TEMPORAL_PAYLOAD_KEYS?: string;

  @Expose() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Minimum spacing between two sends of one account, enforced by Temporal fairness keys. */
  @Expose() @Type(() => Number) @IsNumber() @Min(0.01) @Max(86400)
  SEND_SPACING_SECONDS: number = 45;

  /** Shortest hold after LinkedIn throttles an account (429/999), even when it asks to retry sooner. */
  @Expose() @Type(() => Number) @IsInt() @Min(1) @Max(86400)
  ACCOUNT_MIN_HOLD_SECONDS: number = 60;

  /** Default daily message cap per account (the quota ledger). */
  @Expose() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  DAILY_MESSAGE_CAP: number = 100;

  /** Default weekly message cap per account. */
  @Expose() @Type(() => Number) @IsInt() @Min(1) @Max(5000)
  WEEKLY_MESSAGE_CAP: number = 400;

  /** Default daily InMail cap per account. */
  @Expose() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  DAILY_INMAIL_CAP: number = 40;

  /** Typing indicator pace: milliseconds of "typing" per character, and the ping interval. */
  @Expose() @Type(() => Number) @IsInt() @Min(0) @Max(1000)
  TYPING_MS_PER_CHAR: number = 40;

  @Expose() @Type(() => Number) @IsInt() @Min(100) @Max(60000)
  TYPING_PING_MS: number = 5000;

  /** Inbox sync safety net: a delta pass at least this often per account (realtime triggers passes earlier). */
  @Expose() @Type(() => Number) @IsInt() @Min(1) @Max(86400)
  INBOX_POLL_SECONDS: number = 120;

  /** Hold a realtime (SSE) stream per account to trigger inbox passes early. */
  @Expose() @Transform(toBool) @IsBoolean()
  INBOX_REALTIME: boolean = true;

  /** How long one realtime activity holds its stream before a fresh one takes over. */
  @Expose() @Type(() => Number) @IsInt() @Min(10) @Max(3600)
  INBOX_REALTIME_WATCH_SECONDS: number = 600;

  /** First webhook retry after a failed delivery; later ones back off x2 up to an hour. */
  @Expose() @Type(() => Number) @IsNumber() @Min(0.1) @Max(3600)
  WEBHOOK_RETRY_INITIAL_SECONDS: number = 10;

  /** Delivery attempts per event before it is recorded as failed (10 attempts span about 3 hours). */
  @Expose() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  WEBHOOK_MAX_ATTEMPTS: number = 10;

  /** Let webhooks reach loopback and private networks (a receiver on your own network); off, they are refused (SSRF). */
  @Expose() @Transform(toBool) @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_URLS: boolean = false;

  /** A receiver must answer within this time (the hosted API allows 15 s). */
  @Expose() @Type(() => Number) @IsInt() @Min(1000) @Max(60000)
  WEBHOOK_TIMEOUT_MS: number = 15000;

  /** How often a lead held by an account problem (expired session, checkpoint, restriction) tries again by itself. */
  @Expose() @Type(() => Number) @IsInt() @Min(1) @Max(86400)
  SEQUENCE_ACCOUNT_RECHECK_SECONDS: number = 3600;
}

export class ApiConfig extends CoreConfig {
  @Expose() @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT: number = 3000;

  @Expose() @IsString()
  HOST: string = '127.0.0.1';

  /** How long POST /v1/messages waits for the send before answering 202 with a status URL. */
  @Expose() @Type(() => Number) @IsInt() @Min(0) @Max(600000)
  SEND_WAIT_MS: number = 20000;

  /** Bearer token of the operator endpoints (/v1/admin/*: workspaces); unset disables them. */
  @Expose() @IsOptional() @IsString() @Matches(/^.{24,}$/, { message: 'must be at least 24 characters' })
  THREADLINE_ADMIN_TOKEN?: string;

  /** Who may use the Temporal codec endpoint (/codec/*, it decrypts): `operator` (the operator token), or `local` (also unauthenticated loopback callers: the dev Web UI). */
  @Expose() @IsIn(['operator', 'local'])
  CODEC_ENDPOINT_ACCESS: 'operator' | 'local' = 'operator';

  /** Requests per minute per API key. */
  @Expose() @Type(() => Number) @IsInt() @Min(1) @Max(100000)
  API_RATE_LIMIT_PER_MINUTE: number = 600;
}

export class WorkerConfig extends CoreConfig {
  @Expose() @Type(() => Number) @IsInt() @Min(1) @Max(10000)
  WORKER_MAX_CONCURRENT_ACTIVITIES: number = 100;

  /** Realtime streams one worker process holds at most (mostly idle sockets, on their own queue). */
  @Expose() @Type(() => Number) @IsInt() @Min(1) @Max(100000)
  INBOX_REALTIME_MAX_STREAMS: number = 2000;

  /** How often the worker starts syncs for new or reconnected accounts. */
  @Expose() @Type(() => Number) @IsNumber() @Min(0.5) @Max(3600)
  INBOX_RECONCILE_SECONDS: number = 5;
}
