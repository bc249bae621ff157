import { Expose, Transform } from 'class-transformer';
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
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @Expose() @IsString() @IsNotEmpty()
  TEMPORAL_NAMESPACE = 'threadline';

  /** Temporal Cloud API key; turns TLS on. */
  @Expose() @IsOptional() @IsString()
  TEMPORAL_API_KEY?: string;

  @Expose() @Transform(toBool) @IsBoolean()
  TEMPORAL_TLS = false;

  @Expose() @IsString() @Matches(/^https?:\/\//, { message: 'must be an http(s) URL' })
  TEMPORAL_UI_URL = 'http://127.0.0.1:8233';

  /** Where LinkedIn lives for accounts that do not say otherwise: real LinkedIn, or the emulator. */
  @Expose() @IsString() @Matches(/^https?:\/\//, { message: 'must be an http(s) URL' })
  LINKEDIN_BASE_URL = 'https://www.linkedin.com';

  /** Other LinkedIn base URLs an account may be pointed at (comma-separated), e.g. the emulator in development. */
  @Expose() @IsString()
  LINKEDIN_ALLOWED_BASE_URLS = 'https://www.linkedin.com';

  /** 32 random bytes, base64: encrypts LinkedIn cookies at rest (AES-256-GCM). */
  @Expose() @IsString() @Matches(BASE64_32_BYTES, { message: 'must be 32 bytes in base64 (openssl rand -base64 32)' })
  THREADLINE_ENCRYPTION_KEY!: string;

  @Expose() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Minimum spacing between two sends of one account, enforced by Temporal fairness keys. */
  @Expose() @IsNumber() @Min(0.01) @Max(86400)
  SEND_SPACING_SECONDS = 45;

  /** Default daily message cap per account (the quota ledger). */
  @Expose() @IsInt() @Min(1) @Max(1000)
  DAILY_MESSAGE_CAP = 100;

  /** Default weekly message cap per account. */
  @Expose() @IsInt() @Min(1) @Max(5000)
  WEEKLY_MESSAGE_CAP = 400;

  /** Default daily InMail cap per account. */
  @Expose() @IsInt() @Min(1) @Max(1000)
  DAILY_INMAIL_CAP = 40;

  /** Typing indicator pace: milliseconds of "typing" per character, and the ping interval. */
  @Expose() @IsInt() @Min(0) @Max(1000)
  TYPING_MS_PER_CHAR = 40;

  @Expose() @IsInt() @Min(100) @Max(60000)
  TYPING_PING_MS = 5000;
}

export class ApiConfig extends CoreConfig {
  @Expose() @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @Expose() @IsString()
  HOST = '127.0.0.1';

  /** How long POST /v1/messages waits for the send before answering 202 with a status URL. */
  @Expose() @IsInt() @Min(0) @Max(600000)
  SEND_WAIT_MS = 20000;

  /** Bearer token of the operator endpoints (/v1/admin/*: workspaces); unset disables them. */
  @Expose() @IsOptional() @IsString() @Matches(/^.{24,}$/, { message: 'must be at least 24 characters' })
  THREADLINE_ADMIN_TOKEN?: string;

  /** Requests per minute per API key. */
  @Expose() @IsInt() @Min(1) @Max(100000)
  API_RATE_LIMIT_PER_MINUTE = 600;
}

export class WorkerConfig extends CoreConfig {
  @Expose() @IsInt() @Min(1) @Max(10000)
  WORKER_MAX_CONCURRENT_ACTIVITIES = 100;
}
