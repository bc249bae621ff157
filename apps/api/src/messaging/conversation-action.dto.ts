import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsConversationUrn, IsMessageUrn } from '../common/linkedin-ref.validators';

/** Body of typing-indicator and mark-seen: one conversation of the acting account. */
export class ConversationActionDto {
  @ApiPropertyOptional({ description: 'The LinkedIn account to act as (or X-Account-Id); defaults to the workspace default.', example: '3f1e2d4c-5b6a-4789-8abc-def012345678' })
  @IsOptional() @IsString()
  accountId?: string;

  @ApiProperty({ example: 'urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD,2-YWJjZGVm)', description: 'The conversation (a Sales Navigator thread is urn:li:salesNav_thread:<id>).' })
  @IsString() @MaxLength(500) @IsConversationUrn()
  conversationUrn!: string;
}

/** Path of mark-unread. */
export class ConversationUrnParamDto {
  @IsString() @MaxLength(500) @IsConversationUrn()
  conversationUrn!: string;
}

/** Path of recall: the message must be in that conversation's mailbox. */
export class RecallParamsDto extends ConversationUrnParamDto {
  @IsString() @MaxLength(500) @IsMessageUrn()
  messageUrn!: string;
}

/** Body of mark-all-read. */
export class AccountOnlyDto {
  @ApiPropertyOptional({ description: 'The LinkedIn account to act as (or X-Account-Id); defaults to the workspace default.', example: '3f1e2d4c-5b6a-4789-8abc-def012345678' })
  @IsOptional() @IsString()
  accountId?: string;
}

/** What a conversation action answers. */
export class ConversationActionResponse {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty({ example: '3f1e2d4c-5b6a-4789-8abc-def012345678' }) accountId!: string;
  @ApiPropertyOptional({ example: 'urn:li:msg_conversation:(urn:li:fsd_profile:ACoAABcdEfGhIjKlMnOpQrStUvWxYz0123456789,2-YWJjZGVm)' }) conversationUrn?: string;
  @ApiPropertyOptional({ example: 'urn:li:msg_message:(urn:li:fsd_profile:ACoAABcdEfGhIjKlMnOpQrStUvWxYz0123456789,2-MTc2NDIw)' }) messageUrn?: string;
  @ApiPropertyOptional({ description: 'Conversations marked read (mark-all-read).', type: [String] }) conversationUrns?: string[];
  @ApiProperty({ example: 'Conversation marked as seen successfully' }) message!: string;
  @ApiProperty({ enum: ['done', 'pending'], description: 'pending: still running after the wait; it completes in the background.' }) status!: 'done' | 'pending';
}
