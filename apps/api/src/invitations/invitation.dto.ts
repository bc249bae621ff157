import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { INVITATION_STATES, type InvitationStateValue } from '@threadline/db';
import { IsPersonRef } from '../common/linkedin-ref.validators';

/** Body of POST /v1/connect (and the hosted /linkedin/connect): an invitation to connect, with an optional note. */
export class ConnectDto {
  @ApiPropertyOptional({ description: 'The LinkedIn account that invites; defaults to X-Account-Id, else the workspace default.' })
  @IsOptional() @IsString()
  accountId?: string;

  @ApiPropertyOptional({ example: 'sarah-chen', description: 'The person: a vanity name, profile URL, profile id or member id (any form POST /v1/messages takes as recipientId).' })
  @IsOptional() @IsString() @MaxLength(300) @IsPersonRef()
  profileId?: string;

  @ApiPropertyOptional({ example: 'urn:li:fsd_profile:ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD', description: 'The person as a profile URN (alias of profileId).' })
  @IsOptional() @IsString() @MaxLength(300) @IsPersonRef()
  profileUrn?: string;

  @ApiPropertyOptional({ example: 'Hi Sarah, enjoyed your talk on RAG evals. Would love to connect.', maxLength: 300, description: 'The note: at most 300 characters (LinkedIn allows 200 on free accounts, and only a few notes a month: 422 INVITATION_NOTE_UNAVAILABLE, send without one).' })
  @IsOptional() @IsString() @MaxLength(300)
  customMessage?: string;
}

/** An invitation as the API shows it. */
export class InvitationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ example: 'urn:li:fsd_profile:ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD' }) profileUrn!: string;
  @ApiProperty({ enum: INVITATION_STATES, description: 'sending: under way; pending: LinkedIn stored it; accepted: now a 1st-degree connection; failed: LinkedIn refused it (errorCode). There is no withdrawn: LinkedIn has no stable withdraw call.' }) state!: InvitationStateValue;
  @ApiPropertyOptional({ nullable: true, type: String }) invitationUrn!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The note LinkedIn took, or null.' }) note!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) sentAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) acceptedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) errorCode!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The campaign lead whose connect step sent it.' }) leadId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) campaignId!: string | null;
  @ApiProperty() createdAt!: string;
}

/** What POST /v1/connect answers. */
export class ConnectResponse extends InvitationResponse {
  @ApiProperty() success!: true;
  @ApiProperty({ example: 'Invitation sent' }) message!: string;
  @ApiProperty({ description: 'Alias of id (hosted API style).' }) invitationId!: string;
}

/** GET /v1/invitations. */
export class ListInvitationsQueryDto {
  @ApiPropertyOptional({ description: 'Only this account\'s invitations.' })
  @IsOptional() @IsUUID()
  accountId?: string;

  @ApiPropertyOptional({ enum: INVITATION_STATES })
  @IsOptional() @IsIn(INVITATION_STATES)
  state?: InvitationStateValue;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

export class InvitationPageResponse {
  @ApiProperty() success!: true;
  @ApiProperty({ type: [InvitationResponse] }) invitations!: InvitationResponse[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last one.' }) nextCursor!: string | null;
}

/** `:id` of GET /v1/invitations/:id. */
export class InvitationIdParam {
  @ApiProperty({ format: 'uuid', example: '5bbfb0d1-822f-440f-bc4f-b9f0053479e6' })
  @IsUUID() id!: string;
}
