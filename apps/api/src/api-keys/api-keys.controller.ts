import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeysService, type AuthContext } from '@threadline/core';
import { ApiErrors } from '../common/api-errors';
import { Auth } from '../common/auth.guard';
import { toApiKeyResponse, toCreatedApiKeyResponse } from './api-key.mapper';
import { CreateApiKeyDto, CreatedApiKeyEnvelope } from './create-api-key.dto';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key for this workspace (the key is shown once)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CreatedApiKeyEnvelope })
  @ApiErrors(400)
  async create(@Auth() auth: AuthContext, @Body() dto: CreateApiKeyDto) {
    return toCreatedApiKeyResponse(await this.keys.createForWorkspace(auth, dto.name, dto.rateLimitPerMinute));
  }

  @Get()
  @ApiOperation({ summary: 'List the workspace’s API keys (prefixes only), revoked ones included' })
  async list(@Auth() auth: AuthContext) {
    return { success: true, apiKeys: (await this.keys.list(auth)).map(toApiKeyResponse) };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key; it stops working at once. The workspace’s last active key answers 409 CONFLICT: create another first' })
  async revoke(@Auth() auth: AuthContext, @Param('id') id: string) {
    await this.keys.revoke(auth, id);
    return { success: true, id };
  }
}
