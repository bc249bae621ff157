import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Response shapes for OpenAPI; the mappers in inbox.mapper.ts build them.

export class ParticipantResponse {
  @ApiProperty({ example: 'urn:li:fsd_profile:ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD' }) profileUrn!: string;
  @ApiPropertyOptional({ type: String, example: 'ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD', nullable: true }) profileId!: string | null;
  @ApiProperty({ example: 'Sarah Chen' }) name!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) firstName!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) lastName!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) headline!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) profileUrl!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) profilePicture!: string | null;
}

export class LatestMessageResponse {
  @ApiProperty() messageUrn!: string;
  @ApiProperty({ example: 'Thanks — happy to chat next week.' }) text!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) senderProfileUrn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) senderName!: string | null;
  @ApiProperty({ enum: ['inbound', 'outbound'] }) direction!: 'inbound' | 'outbound';
  @ApiProperty({ example: '2026-11-25T10:00:00.000Z' }) sentAt!: string;
  @ApiProperty({ description: 'Recalled (deleted for everyone) on LinkedIn: text is empty.' }) recalled!: boolean;
  @ApiProperty({ description: 'Edited after it was sent: text is the edited one.' }) edited!: boolean;
}

export class ConversationResponse {
  @ApiProperty({ example: 'urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA…,2-YmE…)', description: 'Or urn:li:salesNav_thread:<id> for Sales Navigator-only threads.' }) conversationUrn!: string;
  @ApiProperty({ example: '2-YmE…' }) conversationId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: ['linkedin', 'sales_navigator'] }) source!: 'linkedin' | 'sales_navigator';
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Set when the thread is also in Sales Navigator.' }) salesNavThreadId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) title!: string | null;
  @ApiProperty() groupChat!: boolean;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-25T10:00:00.000Z' }) lastActivityAt!: string | null;
  @ApiProperty({ example: 1 }) unreadCount!: number;
  @ApiProperty() read!: boolean;
  @ApiProperty({ type: [ParticipantResponse], description: 'Everyone but the account owner.' }) participants!: ParticipantResponse[];
  @ApiPropertyOptional({ type: LatestMessageResponse, nullable: true }) latestMessage!: LatestMessageResponse | null;
}

export class SyncErrorResponse {
  @ApiProperty({ example: 'LINKEDIN_UNAVAILABLE' }) code!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) message!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) at!: string | null;
}

export class AccountSyncResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty({ example: 'active' }) accountStatus!: string;
  @ApiProperty({ enum: ['running', 'stopped', 'not_started'] }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'disconnected' }) stopReason!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) lastSyncedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) lastRequestedAt!: string | null;
  @ApiProperty() syncCount!: number;
  @ApiProperty() errorCount!: number;
  @ApiPropertyOptional({ type: SyncErrorResponse, nullable: true }) lastError!: SyncErrorResponse | null;
}

export class ListedAccountResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() profileUrn!: string;
  @ApiProperty({ type: AccountSyncResponse }) sync!: AccountSyncResponse;
}

export class ConversationsPageResponse {
  @ApiProperty() success!: true;
  @ApiProperty({ type: [ConversationResponse] }) conversations!: ConversationResponse[];
  @ApiProperty({ type: [ListedAccountResponse] }) accounts!: ListedAccountResponse[];
  @ApiPropertyOptional({ type: String, nullable: true, example: 'linkedin:MTc2NDA2…', description: 'Pass back as nextCursor for the next page.' }) nextCursor!: string | null;
  @ApiProperty() hasMore!: boolean;
  @ApiProperty({ description: 'Always true: served from the synced copy in Postgres.' }) fromCache!: true;
}

/** Who sent a message: the account owner for outbound messages. */
export class MessageSenderResponse {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'urn:li:fsd_profile:ACoAA…' }) profileUrn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Sarah Chen' }) name!: string | null;
}

export class InboxMessageResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'urn:li:msg_message:(urn:li:fsd_profile:ACoAA…,2-MTc…)' }) messageId!: string;
  @ApiProperty() messageUrn!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'urn:li:messagingMessage:2-MTc…' }) backendMessageUrn!: string | null;
  @ApiProperty() conversationUrn!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: ['inbound', 'outbound'] }) direction!: 'inbound' | 'outbound';
  @ApiProperty({ enum: ['api', 'sequence', 'linkedin', 'sales_navigator'], description: 'api = sent through the API; sequence = sent by a campaign step; linkedin = synced (incl. typed by hand).' }) origin!: string;
  @ApiProperty() text!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) subject!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) sentAt!: string | null;
  @ApiProperty({ type: MessageSenderResponse }) sender!: MessageSenderResponse;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) attachments!: unknown[];
  @ApiProperty({ description: 'Recalled (deleted for everyone) on LinkedIn: text is empty and attachments are gone.' }) recalled!: boolean;
  @ApiProperty({ description: 'Edited after it was sent: text is the edited one.' }) edited!: boolean;
}

export class ThreadMessagesResponse {
  @ApiProperty() success!: true;
  @ApiProperty() conversationUrn!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: ['linkedin', 'sales_navigator'] }) source!: string;
  @ApiProperty({ type: [InboxMessageResponse], description: 'Newest first.' }) messages!: InboxMessageResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty() hasMore!: boolean;
  @ApiProperty() fromCache!: true;
}

export class SyncStatusResponse {
  @ApiProperty() success!: true;
  @ApiProperty({ type: [AccountSyncResponse] }) accounts!: AccountSyncResponse[];
}
