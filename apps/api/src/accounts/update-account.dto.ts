import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { IsOptionalNonNull } from '../common/optional-non-null';
import { IsProxyUrl } from './connect-account.dto';

/** Body of PATCH /v1/accounts/{id}. New cookies reconnect the account (verified with LinkedIn first); null clears an optional setting. */
export class UpdateAccountDto {
  @ApiPropertyOptional({ example: 'Alex (SDR)' })
  @IsOptionalNonNull() @IsString() @MinLength(1) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '696ce9e7a1b2c3d4e5f60718', description: 'The id your client used for this account before (e.g. the hosted API’s); X-Account-Id and accountId then accept it. Unique per workspace; letters, digits and . _ : - (1–200).' })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsString() @Matches(/^[A-Za-z0-9._:-]{1,200}$/, { message: 'externalId must be 1 to 200 letters, digits, ".", "_", ":" or "-"' })
  externalId?: string | null;

  @ApiPropertyOptional({ description: 'A fresh li_at cookie (reconnects a disconnected account).', example: 'AQEDAR...' })
  @IsOptionalNonNull() @IsString() @MinLength(10) @MaxLength(4000)
  liAt?: string;

  @ApiPropertyOptional({ description: 'The JSESSIONID cookie, with or without quotes.', example: '"ajax:1234567890123456789"' })
  @IsOptionalNonNull() @IsString() @Matches(/^"?ajax:\d+"?$/, { message: 'must look like "ajax:<digits>"' })
  jsessionId?: string;

  @ApiPropertyOptional({ description: 'The li_a cookie of a Sales Navigator seat; null removes it.', nullable: true, type: String })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MinLength(10) @MaxLength(4000)
  liA?: string | null;

  @ApiPropertyOptional({ example: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36' })
  @IsOptionalNonNull() @IsString() @MinLength(10) @MaxLength(1000)
  userAgent?: string;

  @ApiPropertyOptional({ description: 'Per-account HTTP(S) proxy (stored encrypted; SOCKS is not supported); null removes it.', example: 'http://user:pass@proxy.example:8080', nullable: true, type: String })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsProxyUrl()
  proxyUrl?: string | null;

  @ApiPropertyOptional({ description: 'Messages per day for this account; null restores the server default (DAILY_MESSAGE_CAP).', example: 80, nullable: true, type: Number })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(1000)
  dailyMessageCap?: number | null;

  @ApiPropertyOptional({ description: 'IANA time zone of the account (working hours of campaigns).', example: 'Europe/Paris' })
  @IsOptionalNonNull() @IsString() @MaxLength(100)
  timeZone?: string;

  @ApiPropertyOptional({ description: 'Pause the account until this time (ISO-8601): sends answer 429 with Retry-After until then. null lifts the pause.', example: '2026-01-06T09:00:00Z', nullable: true, type: String })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsISO8601({ strict: true })
  holdUntil?: string | null;

  @ApiPropertyOptional({ description: 'Warm-up length of this account in days (its daily caps ramp up over them); 0 turns warm-up off for it, also after a long silence; null restores the server default (WARMUP_DAYS).', example: 21, nullable: true, type: Number })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(365)
  warmupDays?: number | null;

  @ApiPropertyOptional({ description: 'Daily message cap on the first warm-up day of this account; null restores the server default (WARMUP_START_CAP).', example: 5, nullable: true, type: Number })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(1000)
  warmupStartCap?: number | null;

  @ApiPropertyOptional({ description: 'First day of the warm-up (ISO-8601): a time (re)starts the ramp from that UTC day; null ends the ramp now (skip warm-up).', example: '2026-01-05T00:00:00Z', nullable: true, type: String })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsISO8601({ strict: true })
  warmupStartedAt?: string | null;
}
