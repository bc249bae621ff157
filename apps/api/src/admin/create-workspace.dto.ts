import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class CreateWorkspaceDto {
  @ApiProperty({ example: 'Acme Outreach' })
  @IsString() @MinLength(1) @MaxLength(200)
  name!: string;
}

export class WorkspaceResponse {
  @ApiProperty({ example: '7d3e8a52-4f1b-4c9e-a0d2-6b5c4e3f2a19' }) id!: string;
  @ApiProperty({ example: 'Acme Outreach' }) name!: string;
  @ApiProperty({ example: '2026-01-05T10:00:00.000Z' }) createdAt!: string;
}

/** The workspace's first key: the secret is shown here once and never again. */
export class FirstApiKeyResponse {
  @ApiProperty({ example: '5b0c1f5e-3a4b-4c2d-9e8f-0a1b2c3d4e5f' }) id!: string;
  @ApiProperty({ example: 'default' }) name!: string;
  @ApiProperty({ example: 'tl_Xy12abc', description: 'The first characters of the key.' }) prefix!: string;
  @ApiProperty({ example: 'tl_Xy12abcDEF...', description: 'The key itself. Store it now: only its hash is kept.' }) key!: string;
}

/** Answer of POST /v1/admin/workspaces. */
export class CreatedWorkspaceEnvelope {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty({ type: WorkspaceResponse }) workspace!: WorkspaceResponse;
  @ApiProperty({ type: FirstApiKeyResponse }) apiKey!: FirstApiKeyResponse;
}
