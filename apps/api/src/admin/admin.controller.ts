import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WorkspacesService } from '@threadline/core';
import { toCreatedApiKeyResponse } from '../api-keys/api-key.mapper';
import { CreateApiKeyDto, CreatedApiKeyEnvelope } from '../api-keys/create-api-key.dto';
import { ApiErrors } from '../common/api-errors';
import { AdminOnly } from '../common/auth.guard';
import { CreateWorkspaceDto, CreatedWorkspaceEnvelope } from './create-workspace.dto';
import { toCreatedWorkspaceResponse } from './admin.mapper';

@ApiTags('operator')
@ApiBearerAuth()
@AdminOnly()
@Controller('v1/admin')
export class AdminController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Post('workspaces')
  @ApiOperation({ summary: 'Create a workspace and its first API key (shown once)' })
  @ApiCreatedResponse({ type: CreatedWorkspaceEnvelope })
  @ApiErrors(400)
  async createWorkspace(@Body() dto: CreateWorkspaceDto) {
    return toCreatedWorkspaceResponse(await this.workspaces.create(dto.name));
  }

  @Post('workspaces/:id/api-keys')
  @ApiOperation({ summary: 'Mint an API key for a workspace (the key is shown once), e.g. when it lost its keys' })
  @ApiCreatedResponse({ type: CreatedApiKeyEnvelope })
  @ApiErrors(400, 404)
  async createApiKey(@Param('id') id: string, @Body() dto: CreateApiKeyDto) {
    return toCreatedApiKeyResponse(await this.workspaces.createApiKey(id, dto.name, dto.rateLimitPerMinute));
  }
}
