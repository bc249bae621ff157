import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PG_INT_MAX } from '../common/page-query.dto';
import { IsOptionalNonNull } from '../common/optional-non-null';

const STEPS_EXAMPLE = [
  { id: 'intro', type: 'typing_and_send', variants: [{ id: 'A', weight: 1, template: '{Hi|Hello} {{firstName|there}}, quick question about {{company|your team}}.' }, { id: 'B', weight: 1, template: 'Hey {{firstName|there}}!' }] },
  { id: 'wait-reply', type: 'wait_for_reply', timeout: '3d', onTimeout: 'next' },
  { id: 'follow-up', type: 'typing_and_send', template: 'Following up on my note, {{firstName|there}}.' },
  { id: 'done', type: 'end' },
];

/** Body of POST /v1/sequences. Steps are checked by the sequence validator, which names the step and field at fault. */
export class CreateSequenceDto {
  @ApiProperty({ example: 'Founders outreach' })
  @IsString() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiProperty({
    example: STEPS_EXAMPLE,
    description: 'Steps: typing_and_send {template | variants[{id,weight,template}], typing?}, wait {duration "3d" | businessDays}, wait_for_reply {timeout, onReply?, onTimeout?}, mark_seen, branch {condition {type: replied|not_replied|attribute}, then, else}, end. Targets are "next", "end" or a later step id.',
    type: 'array', items: { type: 'object', additionalProperties: true },
  })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsObject({ each: true })
  steps!: Record<string, unknown>[];
}

/** Body of PATCH /v1/sequences/{id}: edits the draft; published versions never change. */
export class UpdateSequenceDto {
  @ApiPropertyOptional()
  @IsOptionalNonNull() @IsString() @MinLength(1) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } })
  @IsOptionalNonNull() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsObject({ each: true })
  steps?: Record<string, unknown>[];
}

/** Body of POST /v1/sequences/{id}/preview: a sample lead to render the templates for. */
export class PreviewSequenceDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { firstName: 'Sarah', company: 'Northwind' }, description: 'Template variables of the sample lead.' })
  @IsOptional() @IsObject()
  attributes?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'A published version to preview; default the draft.', maximum: PG_INT_MAX })
  @IsOptional() @IsInt() @Min(1) @Max(PG_INT_MAX)
  version?: number;

  @ApiPropertyOptional({ description: 'Seed of spintax choices (a lead id renders what that lead would get).' })
  @IsOptional() @IsString() @MaxLength(100)
  seed?: string;
}
