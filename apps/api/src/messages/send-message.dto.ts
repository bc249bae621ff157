import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsConversationUrn, IsPersonRef } from '../common/linkedin-ref.validators';

/** Body of POST /v1/messages (and its hosted-API aliases). Field names of both hosted API styles are accepted. */
export class SendMessageDto {
  @ApiPropertyOptional({ description: 'The LinkedIn account to send from; defaults to the workspace default (or X-Account-Id).' })
  @IsOptional() @IsString()
  accountId?: string;

  @ApiPropertyOptional({ example: 'urn:li:fsd_profile:ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD', description: 'The person: a profile URN (urn:li:fsd_profile, fs_miniProfile or person, with the full 39-character ACoAA… id), a profile id, a member id or urn:li:member URN, a Sales Navigator profile URN (urn:li:fs_salesProfile:(ACwAA…,NAME_SEARCH,<token>)), a profile URL (https://www.linkedin.com/in/<name>) or a vanity name (3–100 letters, digits, hyphens). No spaces or line breaks.' })
  @IsOptional() @IsString() @MaxLength(300) @IsPersonRef()
  recipientId?: string;

  @ApiPropertyOptional({ example: 'urn:li:fsd_profile:ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD', description: 'Alias of recipientId (hosted API reference style).' })
  @IsOptional() @IsString() @MaxLength(300) @IsPersonRef()
  recipientProfileUrn?: string;

  @ApiPropertyOptional({ example: 'sarah-chen', description: 'Vanity name from the profile URL (or any form recipientId takes).' })
  @IsOptional() @IsString() @MaxLength(300) @IsPersonRef()
  recipientProfileId?: string;

  @ApiPropertyOptional({ description: 'Several recipients: starts a group conversation. Each takes the forms of recipientId.', type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(300, { each: true }) @IsPersonRef(undefined, { each: true })
  recipientIds?: string[];

  @ApiPropertyOptional({ description: 'Send into this existing conversation instead of looking one up: urn:li:msg_conversation:(…) or urn:li:salesNav_thread:<id>.', example: 'urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD,2-YWJjZGVm)' })
  @IsOptional() @IsString() @MaxLength(500) @IsConversationUrn()
  conversationUrn?: string;

  @ApiPropertyOptional({ description: 'Title of a new group conversation.' })
  @IsOptional() @IsString() @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ example: 'Hey Sarah — loved your post on RAG evals.', maxLength: 8000 })
  @IsOptional() @IsString() @MaxLength(8000)
  text?: string;

  @ApiPropertyOptional({ description: 'Alias of text (hosted API reference style).', maxLength: 8000 })
  @IsOptional() @IsString() @MaxLength(8000)
  message?: string;

  @ApiPropertyOptional({ enum: ['normal', 'inmail'], default: 'normal' })
  @IsOptional() @IsIn(['normal', 'inmail'])
  messageType?: 'normal' | 'inmail';

  @ApiPropertyOptional({ description: 'InMail subject (required for InMail).', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  subject?: string;

  @ApiPropertyOptional({ enum: ['auto', 'linkedin_inbox', 'sales_navigator'], default: 'auto' })
  @IsOptional() @IsIn(['auto', 'linkedin_inbox', 'sales_navigator'])
  messagingChannel?: 'auto' | 'linkedin_inbox' | 'sales_navigator';

  @ApiPropertyOptional({ description: 'Show a human-like typing indicator before the send.', default: false })
  @IsOptional() @IsBoolean()
  typing?: boolean;

  @ApiPropertyOptional({ description: 'Ids of files uploaded with POST /v1/attachments (at most 10).', type: [String], example: ['9d5f3c1e-8a2b-4c7d-9e0f-1a2b3c4d5e6f'] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsUUID('all', { each: true })
  attachments?: string[];

  @ApiPropertyOptional({ description: 'A LinkedIn group you share with the recipient: the DM relies on that membership (see POST /v1/messaging/send-group).', example: '9806731' })
  @IsOptional() @IsString() @Matches(/^\d{1,20}$/, { message: 'must be the numeric LinkedIn group id' })
  groupId?: string;
}

/** What a send returns: the LinkedIn identifiers of the sent message, or its pending status. */
export class SendMessageResponse {
  @ApiProperty() success!: true;
  @ApiProperty({ example: 'Message sent successfully' }) message!: string;
  @ApiProperty({ enum: ['sent', 'pending'] }) status!: 'sent' | 'pending';
  @ApiProperty() messageId!: string;
  @ApiProperty() accountId!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) messageUrn?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) backendMessageUrn?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) conversationUrn?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) recipientProfileUrn?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) sentAt?: string | null;
  @ApiPropertyOptional({ description: 'Sales Navigator thread id, for Sales Navigator sends.' }) threadId?: string;
  @ApiProperty({ description: 'Where to poll a pending send.' }) statusUrl!: string;
  @ApiProperty({ description: 'This send in the Temporal Web UI.' }) temporalUrl!: string;
}

/** send-with-typing also says whether the typing indicator was shown. */
export class SendWithTypingResponse extends SendMessageResponse {
  @ApiProperty({ type: Boolean, nullable: true, description: 'Typing needs an existing conversation; null while the send is still pending.' }) typingIndicatorSent!: boolean | null;
}

/** Why a send failed, with the code of the README's error list. */
export class MessageErrorResponse {
  @ApiProperty({ example: 'RECIPIENT_NOT_REACHABLE' }) code!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) message!: string | null;
}

/** GET /v1/messages/{id}: a message sent through the API, where a 202's statusUrl points. */
export class MessageStatusResponse {
  @ApiProperty() success!: true;
  @ApiProperty() messageId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: ['outbound', 'inbound'] }) direction!: 'outbound' | 'inbound';
  @ApiProperty({ enum: ['pending', 'sent', 'failed'], description: 'pending until LinkedIn stored it (sent) or refused it for good (failed, with error).' }) status!: 'pending' | 'sent' | 'failed';
  @ApiProperty({ example: 'normal' }) messageType!: string;
  @ApiProperty() text!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) subject!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) messageUrn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) backendMessageUrn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) conversationUrn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) recipientProfileUrn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-11-25T10:00:00.000Z' }) sentAt!: string | null;
  @ApiPropertyOptional({ type: MessageErrorResponse, nullable: true }) error!: MessageErrorResponse | null;
  @ApiProperty({ example: '2026-11-25T09:59:58.000Z' }) createdAt!: string;
}
