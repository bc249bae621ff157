import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, Min, ValidateBy } from 'class-validator';
import { BOOLEAN_RULE, NUMBER_RULE, parseBoolean, parseDecimal } from './env-values';

const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;

// Each reader turns a valid string into its value and leaves anything else as it was, for the validator to refuse.
const readBool = ({ value }: { value: unknown }) => (typeof value === 'string' ? (parseBoolean(value) ?? value) : value);
const readNumber = ({ value }: { value: unknown }) => (typeof value === 'string' ? (parseDecimal(value) ?? value) : value);

/** A boolean variable, read strictly. */
function EnvBoolean(): PropertyDecorator {
  return (target, key) => {
    Transform(readBool)(target, key);
    IsBoolean({ message: BOOLEAN_RULE })(target, key);
  };
}

/** A number variable within [min, max], read strictly; whole numbers only unless `fraction`. */
function EnvNumber(min: number, max: number, fraction = false): PropertyDecorator {
  return (target, key) => {
    Transform(readNumber)(target, key);
    if (fraction) IsNumber({ allowNaN: false, allowInfinity: false }, { message: NUMBER_RULE })(target, key);
    else IsInt({ message: 'must be a whole number' })(target, key);
    Min(min, { message: `must be at least ${min}` })(target, key);
    Max(max, { message: `must be at most ${max}` })(target, key);
  };
}

/** A postgres:// URL that parses; the message never repeats the value (it holds a password). */
function IsPostgresUrl(): PropertyDecorator {
  return ValidateBy({
    name: 'isPostgresUrl',
    validator: {
      validate: (value) => typeof value === 'string' && /^postgres(ql)?:\/\//.test(value) && URL.canParse(value),
      defaultMessage: () => 'must be a postgres://user:password@host:port/database URL (percent-encode special characters in the password)',
    },
  });
}

/** The migration runner needs only the database. */
export class MigrationConfig {
  @Expose() @IsPostgresUrl()
  DATABASE_URL!: string;
}

/** Settings every Threadline process that touches Postgres, Temporal and LinkedIn shares. */
export class CoreConfig {
  /** postgres://user:pass@host:port/db */
  @Expose() @IsPostgresUrl()
  DATABASE_URL!: string;

  @Expose() @IsString() @IsNotEmpty({ message: 'must not be empty' })
  TEMPORAL_ADDRESS: string = '127.0.0.1:7233';

  @Expose() @IsString() @IsNotEmpty({ message: 'must not be empty' })
  TEMPORAL_NAMESPACE: string = 'threadline';

  /** Temporal Cloud API key; turns TLS on. */
  @Expose() @IsOptional() @IsString()
  TEMPORAL_API_KEY?: string;

  @Expose() @EnvBoolean()
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

  @Expose() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' })
  LOG_LEVEL: string = 'info';

  /** Minimum spacing between two sends of one account, enforced by Temporal fairness keys. */
  @Expose() @EnvNumber(0.01, 86400, true)
  SEND_SPACING_SECONDS: number = 45;

  /** Shortest hold after LinkedIn throttles an account (429/999), even when it asks to retry sooner. */
  @Expose() @EnvNumber(1, 86400)
  ACCOUNT_MIN_HOLD_SECONDS: number = 60;

  /** Send gaps are drawn per send around this multiple of SEND_SPACING_SECONDS (log-normal, never below the spacing). */
  @Expose() @EnvNumber(1, 100, true)
  SEND_GAP_MEAN_FACTOR: number = 1.5;

  /** Spread of the send gaps (coefficient of variation of the draw); 0 spaces every send by the mean. */
  @Expose() @EnvNumber(0, 3, true)
  SEND_GAP_CV: number = 0.4;

  /** The longest send gap, as a multiple of SEND_SPACING_SECONDS. */
  @Expose() @EnvNumber(1, 1000, true)
  SEND_GAP_MAX_FACTOR: number = 4;

  /**
   * A daily shape: each LinkedIn member's remaining daily budget is spread over what is left of the sender's
   * working window (a campaign's working hours), so a day's sends are not crammed at its start. The drawn gap
   * still applies as the floor. Local stacks (npm run dev, tests, bench) turn it off unless it is set.
   */
  @Expose() @EnvBoolean()
  SEND_SPREAD_OVER_WINDOW: boolean = true;

  /** Longest hold the doubling reaches after repeated throttles (LinkedIn's own Retry-After may be longer). */
  @Expose() @EnvNumber(1, 604800)
  ACCOUNT_MAX_HOLD_SECONDS: number = 21600;

  /** Warm-up length of new and long-dormant accounts, in days; 0 turns warm-up off (accounts may still set their own). */
  @Expose() @EnvNumber(0, 365)
  WARMUP_DAYS: number = 14;

  /** Daily message (and InMail) cap on the first day of a warm-up; it rises to the full cap over WARMUP_DAYS. */
  @Expose() @EnvNumber(1, 1000)
  WARMUP_START_CAP: number = 10;

  /** An account that sent nothing for this many days warms up again. */
  @Expose() @EnvNumber(1, 3650)
  WARMUP_DORMANT_DAYS: number = 30;

  /** A reserved send slot nobody touched for this long was left behind by a crash: it is settled against what was sent. */
  @Expose() @EnvNumber(60, 86400)
  QUOTA_RESERVATION_TTL_SECONDS: number = 1800;

  /** Default daily message cap per account (the quota ledger). */
  @Expose() @EnvNumber(1, 1000)
  DAILY_MESSAGE_CAP: number = 100;

  /** Default weekly message cap per account. */
  @Expose() @EnvNumber(1, 5000)
  WEEKLY_MESSAGE_CAP: number = 400;

  /** Default daily invitation cap per account (reference §7.2: the conservative end, 20/day). */
  @Expose() @EnvNumber(1, 200)
  DAILY_INVITATION_CAP: number = 20;

  /** Default invitation cap per rolling 7 days (LinkedIn's own weekly cap is ~100; ConnectSafely uses 90). */
  @Expose() @EnvNumber(1, 1000)
  WEEKLY_INVITATION_CAP: number = 80;

  /** Default daily InMail cap per account. */
  @Expose() @EnvNumber(1, 1000)
  DAILY_INMAIL_CAP: number = 40;

  /** Typing indicator pace: milliseconds of "typing" per character, and the ping interval. */
  @Expose() @EnvNumber(0, 1000)
  TYPING_MS_PER_CHAR: number = 40;

  @Expose() @EnvNumber(100, 60000)
  TYPING_PING_MS: number = 5000;

  /** Inbox sync safety net: a delta pass at least this often per account (realtime triggers passes earlier). */
  @Expose() @EnvNumber(1, 86400)
  INBOX_POLL_SECONDS: number = 120;

  /** Hold a realtime (SSE) stream per account to trigger inbox passes early. */
  @Expose() @EnvBoolean()
  INBOX_REALTIME: boolean = true;

  /** How long one realtime activity holds its stream before a fresh one takes over. */
  @Expose() @EnvNumber(10, 3600)
  INBOX_REALTIME_WATCH_SECONDS: number = 600;

  /** First webhook retry after a failed delivery; later ones back off x2 up to an hour. */
  @Expose() @EnvNumber(0.1, 3600, true)
  WEBHOOK_RETRY_INITIAL_SECONDS: number = 10;

  /** Delivery attempts per event before it is recorded as failed (10 attempts span about 3 hours). */
  @Expose() @EnvNumber(1, 100)
  WEBHOOK_MAX_ATTEMPTS: number = 10;

  /** Let webhooks reach loopback and private networks (a receiver on your own network); off, they are refused (SSRF). */
  @Expose() @EnvBoolean()
  WEBHOOK_ALLOW_PRIVATE_URLS: boolean = false;

  /** Let account proxies (proxyUrl) be on loopback and private networks; off, such proxies are refused (SSRF). */
  @Expose() @EnvBoolean()
  PROXY_ALLOW_PRIVATE_URLS: boolean = false;

  /** A receiver must answer within this time (the hosted API allows 15 s). */
  @Expose() @EnvNumber(1000, 60000)
  WEBHOOK_TIMEOUT_MS: number = 15000;

  /** How often a lead held by an account problem (expired session, checkpoint, restriction) tries again by itself. */
  @Expose() @EnvNumber(1, 86400)
  SEQUENCE_ACCOUNT_RECHECK_SECONDS: number = 3600;

  /** A reply this many days after a lead's last message still marks a lead that completed its sequence as replied; 0 turns it off. */
  @Expose() @EnvNumber(0, 365)
  REPLY_WINDOW_DAYS: number = 14;
}

export class ApiConfig extends CoreConfig {
  @Expose() @EnvNumber(0, 65535)
  PORT: number = 3000;

  @Expose() @IsString()
  HOST: string = '127.0.0.1';

  /** How long POST /v1/messages waits for the send before answering 202 with a status URL. */
  @Expose() @EnvNumber(0, 600000)
  SEND_WAIT_MS: number = 20000;

  /** Bearer token of the operator endpoints (/v1/admin/*: workspaces); unset disables them. */
  @Expose() @IsOptional() @IsString() @Matches(/^.{24,}$/, { message: 'must be at least 24 characters' })
  THREADLINE_ADMIN_TOKEN?: string;

  /** Who may use the Temporal codec endpoint (/codec/*, it decrypts): `operator` (the operator token), or `local` (also unauthenticated loopback callers: the dev Web UI). */
  @Expose() @IsIn(['operator', 'local'], { message: 'must be operator or local' })
  CODEC_ENDPOINT_ACCESS: 'operator' | 'local' = 'operator';

  /** Requests per minute per API key, across every endpoint and every API replica. */
  @Expose() @EnvNumber(1, 100000)
  API_RATE_LIMIT_PER_MINUTE: number = 600;

  /** Wrong API keys or operator tokens per minute per client address; past it, that address gets 429 until the minute ends. */
  @Expose() @EnvNumber(1, 100000)
  API_AUTH_FAILURES_PER_MINUTE: number = 20;

  /** How long a replica trusts an API key it found active without asking Postgres again: the most a revoke through another replica takes to reach it (0: every request asks). */
  @Expose() @EnvNumber(0, 300, true)
  API_KEY_CACHE_SECONDS: number = 10;
}

export class WorkerConfig extends CoreConfig {
  @Expose() @EnvNumber(1, 10000)
  WORKER_MAX_CONCURRENT_ACTIVITIES: number = 100;

  /** Workflow runs kept in memory (0: no cache); unset, an eighth of the worker's memory at 256 KiB per run, 100 to 2,000 (README, "Sizing a worker"). */
  @Expose() @IsOptional() @EnvNumber(0, 1000000)
  WORKER_MAX_CACHED_WORKFLOWS?: number;

  /** How long a run's next task waits for the worker that has it cached before any worker takes it (after a crash or deploy). */
  @Expose() @EnvNumber(1, 60, true)
  WORKER_STICKY_TIMEOUT_SECONDS: number = 5;

  /** Realtime streams one worker process holds at most (mostly idle sockets, on their own queue). */
  @Expose() @EnvNumber(1, 100000)
  INBOX_REALTIME_MAX_STREAMS: number = 2000;

  /** How often the worker starts syncs for new or reconnected accounts. */
  @Expose() @EnvNumber(0.5, 3600, true)
  INBOX_RECONCILE_SECONDS: number = 5;

  /** How often the worker ends holds that are over, moves accounts in and out of warm-up and settles crashed reservations. */
  @Expose() @EnvNumber(0.5, 3600, true)
  ACCOUNT_SWEEP_SECONDS: number = 5;

  /**
   * How often the worker reads the connections of accounts with pending invitations to find accepted ones
   * (one LinkedIn read per such account, more when many were accepted).
   */
  @Expose() @EnvNumber(0.5, 86400, true)
  INVITATION_CHECK_SECONDS: number = 900;

  /** Port of the worker's /metrics, /health and /health/ready (no token: bind it where only Prometheus and the orchestrator reach); 0 turns it off. */
  @Expose() @EnvNumber(0, 65535)
  WORKER_METRICS_PORT: number = 9464;

  /** Address the worker's metrics ports listen on; 0.0.0.0 in a container that Prometheus scrapes from outside. */
  @Expose() @IsString() @IsNotEmpty({ message: 'must not be empty' })
  WORKER_METRICS_HOST: string = '127.0.0.1';

  /** Port of Temporal's own SDK metrics (Prometheus, served by the SDK's Core: task slots, schedule-to-start latency, sticky cache); 0 turns it off. */
  @Expose() @EnvNumber(0, 65535)
  TEMPORAL_METRICS_PORT: number = 9465;
}
