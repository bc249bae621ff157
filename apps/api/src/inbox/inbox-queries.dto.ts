import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { parseBoolean } from '@threadline/core';
import { ArrayMaxSize, IsArray, IsBoolean, IsDate, IsInt, IsOptional, IsString, Max, MaxDate, MaxLength, Min, MinDate } from 'class-validator';
import { IsConversationUrn, IsPersonRef } from '../common/linkedin-ref.validators';

// true/false/1/0/yes/no; anything else stays a string and is refused by @IsBoolean.
const toBool = ({ value }: { value: unknown }) => (typeof value === 'string' ? (parseBoolean(value) ?? value) : value);
// Postgres timestamps end in year 294276 and start in 4713 BC; JavaScript dates reach further both ways.
const EARLIEST = new Date('0001-01-01T00:00:00Z');
const LATEST = new Date('9999-12-31T23:59:59Z');
// `?ids=a&ids=b` and `?ids=a,b` both become ['a', 'b'].
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' || Array.isArray(value) ? ([] as unknown[]).concat(value).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean) : value;
// Epoch milliseconds or an ISO-8601 time.
const toDate = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? new Date(Number(value)) : typeof value === 'string' ? new Date(value) : value);

/** Which accounts a read covers. */
export class AccountSelectionQuery {
  @ApiPropertyOptional({ description: 'The LinkedIn account (or X-Account-Id); defaults to the workspace default.' })
  @IsOptional() @IsString()
  accountId?: string;

  @ApiPropertyOptional({ description: 'Several accounts at once: repeat the parameter or separate ids with commas.', type: [String] })
  @IsOptional() @Transform(toList) @IsArray() @ArrayMaxSize(100) @IsString({ each: true })
  linkedinAccountIds?: string[];
}

/** GET /v1/conversations (and /linkedin/conversations, /messaging/recent-messages). */
export class ListConversationsQueryDto extends AccountSelectionQuery {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  count?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`).' })
  @IsOptional() @IsString() @MaxLength(500)
  nextCursor?: string;

  @ApiPropertyOptional({ description: 'Alias of nextCursor.' })
  @IsOptional() @IsString() @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Only conversations with unread messages.', default: false })
  @IsOptional() @Transform(toBool) @IsBoolean()
  unreadOnly?: boolean;

  @ApiPropertyOptional({ description: 'Alias of unreadOnly (recent-messages style): read=false lists unread ones.' })
  @IsOptional() @Transform(toBool) @IsBoolean()
  read?: boolean;

  @ApiPropertyOptional({ description: 'Matches the latest message, participant names and the title.' })
  @IsOptional() @IsString() @MaxLength(200)
  keyword?: string;

  @ApiPropertyOptional({ description: 'Accepted for compatibility; labels are not synced, so it filters nothing.' })
  @IsOptional() @IsString()
  labelId?: string;

  @ApiPropertyOptional({ description: 'Accepted for compatibility; labels are not synced, so it filters nothing.' })
  @IsOptional() @Transform(toBool) @IsBoolean()
  labeledOnly?: boolean;
}

/** GET /v1/conversations/{conversationUrn}/messages. */
export class ThreadMessagesQueryDto extends AccountSelectionQuery {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  count?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`): older messages.' })
  @IsOptional() @IsString() @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Only messages after this time (epoch ms or ISO-8601).' })
  @IsOptional() @Transform(toDate) @IsDate() @MinDate(EARLIEST) @MaxDate(LATEST)
  since?: Date;

  @ApiPropertyOptional({ description: 'Also ask the inbox sync for a pass now; the answer still comes from the synced copy.' })
  @IsOptional() @Transform(toBool) @IsBoolean()
  sync?: boolean;
}

/** GET /v1/messaging/conversation-details: messages around an anchor time. */
export class ConversationDetailsQueryDto extends AccountSelectionQuery {
  @ApiPropertyOptional({ example: 'urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD,2-YWJjZGVm)' })
  @IsOptional() @IsString() @MaxLength(500) @IsConversationUrn()
  conversationUrn?: string;

  @ApiPropertyOptional({ description: 'The other person: ACoAA… id, urn:li:fsd_profile URN or profile URL.', example: 'urn:li:fsd_profile:ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD' })
  @IsOptional() @IsString() @MaxLength(300) @IsPersonRef()
  profileId?: string;

  @ApiPropertyOptional({ description: 'Anchor time (epoch ms or ISO-8601); default now.' })
  @IsOptional() @Transform(toDate) @IsDate() @MinDate(EARLIEST) @MaxDate(LATEST)
  deliveredAt?: Date;

  @ApiPropertyOptional({ default: 20, minimum: 0, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100)
  countBefore?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100)
  countAfter?: number;
}

/** POST /v1/conversations/sync. */
export class SyncInboxDto {
  @ApiPropertyOptional({ description: 'Accepted for compatibility: every request runs a delta pass now.' })
  @IsOptional() @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional()
  @IsOptional() @IsString()
  accountId?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true })
  linkedinAccountIds?: string[];
}
