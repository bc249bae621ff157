import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

/** Body of POST /v1/api-keys. */
export class CreateApiKeyDto {
  @ApiProperty({ example: 'n8n production', description: 'A label to tell keys apart.' })
  @IsString() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 60, description: 'Requests per minute for this key (default: the server-wide API_RATE_LIMIT_PER_MINUTE).' })
  @IsOptional() @IsInt() @Min(1) @Max(100000)
  rateLimitPerMinute?: number;
}

/** An API key as listed: never its secret. */
export class ApiKeyResponse {
  @ApiProperty({ example: '5b0c1f5e-3a4b-4c2d-9e8f-0a1b2c3d4e5f' }) id!: string;
  @ApiProperty({ example: 'n8n production' }) name!: string;
  @ApiProperty({ example: 'tl_Xy12abc', description: 'The first characters of the key.' }) prefix!: string;
  @ApiPropertyOptional({ example: 60, nullable: true, type: Number }) rateLimitPerMinute!: number | null;
  @ApiProperty({ example: '2026-01-05T10:00:00.000Z' }) createdAt!: string;
  @ApiPropertyOptional({ example: '2026-01-05T11:00:00.000Z', nullable: true, type: String }) lastUsedAt!: string | null;
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) revokedAt!: string | null;
}

/** A new key: the secret is shown here once and never again. */
export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ example: 'tl_Xy12abcDEF...', description: 'The key itself. Store it now: only its hash is kept.' }) key!: string;
}

/** Answer of POST /v1/api-keys and POST /v1/admin/workspaces/{id}/api-keys. */
export class CreatedApiKeyEnvelope {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty({ type: CreatedApiKeyResponse }) apiKey!: CreatedApiKeyResponse;
}
