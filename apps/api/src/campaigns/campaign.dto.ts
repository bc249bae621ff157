import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { LEAD_STATES, type LeadState } from '@threadline/core';
import { LEAD_PROFILE_KINDS } from '@threadline/domain';
import { IsPersonRef } from '../common/linkedin-ref.validators';
import { PG_INT_MAX, PageQueryDto } from '../common/page-query.dto';

const HH_MM = /^([01]\d|2[0-4]):[0-5]\d$/;

/** When a sender may send: ISO weekdays between two local times in an IANA time zone (DST handled). */
export class WorkingHoursDto {
  @ApiProperty({ example: 'Europe/Berlin' })
  @IsString() @MaxLength(64)
  timeZone!: string;

  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5], description: 'ISO weekdays: 1 = Monday … 7 = Sunday.' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(7) @IsInt({ each: true }) @Min(1, { each: true }) @Max(7, { each: true })
  days!: number[];

  @ApiProperty({ example: '09:00' })
  @Matches(HH_MM, { message: 'must be a local time "HH:mm"' })
  start!: string;

  @ApiProperty({ example: '18:00' })
  @Matches(HH_MM, { message: 'must be a local time "HH:mm" (or "24:00")' })
  end!: string;
}

export class CampaignSenderDto {
  @ApiProperty({ description: 'A LinkedIn account of the workspace.' })
  @IsString()
  accountId!: string;

  @ApiPropertyOptional({ type: WorkingHoursDto, description: 'This sender’s own hours and time zone; default the campaign’s.' })
  @IsOptional() @ValidateNested() @Type(() => WorkingHoursDto)
  workingHours?: WorkingHoursDto;
}

export class CampaignLimitsDto {
  @ApiPropertyOptional({ description: 'New leads started per sender per day.' })
  @IsOptional() @IsInt() @Min(1) @Max(1000)
  newLeadsPerDay?: number;
}

/** Body of POST /v1/campaigns. */
export class CreateCampaignDto {
  @ApiProperty({ example: 'Q3 founders' })
  @IsString() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiProperty()
  @IsString()
  sequenceId!: string;

  @ApiPropertyOptional({ description: 'A published version; default the latest.', maximum: PG_INT_MAX })
  @IsOptional() @IsInt() @Min(1) @Max(PG_INT_MAX)
  sequenceVersion?: number;

  @ApiProperty({ type: [CampaignSenderDto], description: 'One or more accounts; each lead sticks to one sender.' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => CampaignSenderDto)
  senders!: CampaignSenderDto[];

  @ApiPropertyOptional({ type: WorkingHoursDto, description: 'Default Mon–Fri 09:00–18:00 UTC.' })
  @IsOptional() @ValidateNested() @Type(() => WorkingHoursDto)
  workingHours?: WorkingHoursDto;

  @ApiPropertyOptional({ default: true, description: 'End a lead as replied on any reply (including one typed by hand on LinkedIn).' })
  @IsOptional() @IsBoolean()
  stopOnReply?: boolean;

  @ApiPropertyOptional({ type: CampaignLimitsDto })
  @IsOptional() @ValidateNested() @Type(() => CampaignLimitsDto)
  limits?: CampaignLimitsDto;
}

export class LeadInputDto {
  @ApiProperty({ example: 'https://www.linkedin.com/in/sarah-chen', description: 'Profile URL (https://www.linkedin.com/in/<name>), profile URN (urn:li:fsd_profile:ACoAA…), profile id (the full 39-character ACoAA… id), member id or vanity name (3–100 letters, digits, hyphens). Surrounding spaces are ignored.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @MaxLength(500) @IsPersonRef(LEAD_PROFILE_KINDS)
  profile!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { firstName: 'Sarah', company: 'Northwind' }, description: 'Template variables.' })
  @IsOptional() @IsObject()
  attributes?: Record<string, unknown>;
}

/** Body of POST /v1/campaigns/{id}/leads. */
export class AddLeadsDto {
  @ApiProperty({ type: [LeadInputDto] })
  // IsObject: a nested array (`[[]]`) passes ValidateNested untouched.
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10_000) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => LeadInputDto)
  leads!: LeadInputDto[];
}

export class ListLeadsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LEAD_STATES })
  @IsOptional() @IsIn([...LEAD_STATES])
  state?: LeadState;
}

export class ListCampaignsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ default: false })
  @IsOptional() @IsIn(['true', 'false'])
  archived?: 'true' | 'false';
}

/** Body of POST /v1/lead-exclusions. */
export class AddExclusionsDto {
  @ApiProperty({ type: [String], description: 'Profile URLs, URNs, ids or vanity names, in the forms a lead profile takes.' })
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value))
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10_000) @IsString({ each: true }) @MaxLength(500, { each: true }) @IsPersonRef(LEAD_PROFILE_KINDS, { each: true })
  profiles!: string[];

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(500)
  reason?: string;
}
