import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

/** Body of POST /v1/messages (and its hosted-API aliases). Field names of both hosted API styles are accepted. */
export class SendMessageDto {
  @ApiPropertyOptional({ description: 'The LinkedIn account to send from; defaults to the workspace default (or X-Account-Id).' })
  @IsOptional() @IsString()
  accountId?: string;

  @ApiPropertyOptional({ example: 'urn:li:fsd_profile:ACoAABcdEfGhIjKlMnOpQrStUvWxYz0123456789', description: 'Profile URN (fsd_profile, person, fs_miniProfile), member id or vanity name.' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300)
  recipientId?: string;

  @ApiPropertyOptional({ example: 'urn:li:fsd_profile:ACoAABcdEfGhIjKlMnOpQrStUvWxYz0123456789' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300)
  recipientProfileUrn?: string;

  @ApiPropertyOptional({ example: 'sarah-chen', description: 'Vanity name from the profile URL.' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300)
  recipientProfileId?: string;

  @ApiPropertyOptional({ description: 'Several recipients: starts a group conversation.', type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true })
  recipientIds?: string[];

  @ApiPropertyOptional({ description: 'Send into this existing conversation instead of looking one up.' })
  @IsOptional() @IsString() @MaxLength(500)
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
  @ApiPropertyOptional() messageUrn?: string | null;
  @ApiPropertyOptional() backendMessageUrn?: string | null;
  @ApiPropertyOptional() conversationUrn?: string | null;
  @ApiPropertyOptional() recipientProfileUrn?: string | null;
  @ApiPropertyOptional() sentAt?: string | null;
  @ApiPropertyOptional({ description: 'Sales Navigator thread id, for Sales Navigator sends.' }) threadId?: string;
  @ApiProperty({ description: 'Where to poll a pending send.' }) statusUrl!: string;
  @ApiProperty({ description: 'This send in the Temporal Web UI.' }) temporalUrl!: string;
}
