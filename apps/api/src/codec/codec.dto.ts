import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBase64, IsObject, IsOptional, ValidateNested } from 'class-validator';

/** One Temporal Payload as protobuf JSON: metadata values and data in base64. */
export class CodecPayloadDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { encoding: 'anNvbi9wbGFpbg==' } })
  @IsOptional() @IsObject()
  metadata?: Record<string, string>;

  @ApiPropertyOptional({ example: 'ImhpIg==' })
  @IsOptional() @IsBase64()
  data?: string;
}

export class CodecPayloadsDto {
  @ApiProperty({ type: [CodecPayloadDto] })
  @IsArray() @ValidateNested({ each: true }) @Type(() => CodecPayloadDto)
  payloads!: CodecPayloadDto[];
}
