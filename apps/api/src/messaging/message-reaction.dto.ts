import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { RecallParamsDto } from './conversation-action.dto';

/** Path of the reaction and edit routes: a message of the conversation's mailbox. */
export class MessageParamsDto extends RecallParamsDto {}

/** Path of DELETE …/reactions/:emoji. */
export class ReactionParamsDto extends MessageParamsDto {
  @IsString() @IsNotEmpty() @MaxLength(32)
  emoji!: string;
}

/** Body of POST …/reactions (the hosted API's `reaction`, or `emoji`). */
export class ReactDto {
  @ApiPropertyOptional({ description: 'The LinkedIn account to act as (or X-Account-Id); defaults to the owner of the conversation.' })
  @IsOptional() @IsString()
  accountId?: string;

  @ApiPropertyOptional({ example: '👍', description: 'One emoji. `reaction` (the hosted name) is accepted too; one of them is required.' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(32)
  emoji?: string;

  @ApiPropertyOptional({ example: '👍', description: 'Same as emoji.' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(32)
  reaction?: string;
}

/** Body of PATCH …/messages/:messageUrn and POST …/modify. */
export class EditMessageDto {
  @ApiPropertyOptional({ description: 'The LinkedIn account to act as (or X-Account-Id); defaults to the owner of the conversation.' })
  @IsOptional() @IsString()
  accountId?: string;

  @ApiProperty({ example: 'Thanks, see you Tuesday at 10.', description: 'The new text (LinkedIn keeps no edit history; the message reads as edited).' })
  @IsString() @IsNotEmpty() @MaxLength(8000)
  text!: string;
}

export class ReactorResponse {
  @ApiProperty({ example: 'urn:li:fsd_profile:ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD' }) profileUrn!: string;
  @ApiProperty({ example: 'Sarah Chen', nullable: true, type: String }) name!: string | null;
}

export class MessageReactionResponse {
  @ApiProperty({ example: '👍' }) emoji!: string;
  @ApiProperty({ example: 1 }) count!: number;
  @ApiProperty({ description: 'The acting account reacted with this emoji.' }) viewerReacted!: boolean;
  @ApiProperty({ example: '2026-12-01T01:00:00.000Z' }) firstReactedAt!: string;
  @ApiProperty({ type: [ReactorResponse] }) reactors!: ReactorResponse[];
}

/** What the reaction routes answer: the message's reactions afterwards. */
export class MessageReactionsResponse {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty() accountId!: string;
  @ApiProperty() conversationUrn!: string;
  @ApiProperty() messageUrn!: string;
  @ApiProperty({ type: [MessageReactionResponse], nullable: true, description: 'null while the action is still pending.' }) reactions!: MessageReactionResponse[] | null;
  @ApiProperty({ enum: ['done', 'pending'] }) status!: 'done' | 'pending';
}

/** What an edit answers: the message as LinkedIn shows it after the edit. */
export class EditMessageResponse {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty() accountId!: string;
  @ApiProperty() conversationUrn!: string;
  @ApiProperty() messageUrn!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The text read back from LinkedIn; null while pending.' }) text!: string | null;
  @ApiProperty({ description: 'LinkedIn shows the message as edited.' }) edited!: boolean;
  @ApiProperty({ enum: ['done', 'pending'] }) status!: 'done' | 'pending';
}
