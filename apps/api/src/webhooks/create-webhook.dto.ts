import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { WEBHOOK_EVENTS, type WebhookEvent } from '@threadline/core';

/** POST /v1/webhooks: where to deliver which events. */
export class CreateWebhookDto {
  @ApiProperty({ example: 'https://example.com/hooks/threadline', description: 'Receives a signed POST per event.' })
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true }) @MaxLength(2000)
  url!: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENTS, isArray: true, description: 'Default: every event.' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(WEBHOOK_EVENTS.length) @IsIn(WEBHOOK_EVENTS, { each: true })
  events?: WebhookEvent[];

  @ApiPropertyOptional({ example: 'CRM sync' })
  @IsOptional() @IsString() @MaxLength(200)
  description?: string;
}
