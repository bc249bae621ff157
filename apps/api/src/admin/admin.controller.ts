import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WorkspacesService } from '@threadline/core';
import { AdminOnly } from '../common/auth.guard';
import { CreateWorkspaceDto } from './create-workspace.dto';
import { toCreatedWorkspaceResponse } from './admin.mapper';

@ApiTags('operator')
@ApiBearerAuth()
@AdminOnly()
@Controller('v1/admin')
export class AdminController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Post('workspaces')
  @ApiOperation({ summary: 'Create a workspace and its first API key (shown once)' })
  async createWorkspace(@Body() dto: CreateWorkspaceDto) {
    return toCreatedWorkspaceResponse(await this.workspaces.create(dto.name));
  }
}
