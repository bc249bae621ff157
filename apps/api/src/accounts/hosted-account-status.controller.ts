import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AccountStatusService, type AuthContext } from '@threadline/core';
import { AccountId, Auth } from '../common/auth.guard';
import { toHostedAccountStatusResponse } from './account-status.mapper';

/** The hosted API's account status paths (`/linkedin/account/status`, `/linkedin/account/{id}/status`). */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('linkedin/account')
export class HostedAccountStatusController {
  constructor(private readonly statuses: AccountStatusService) {}

  @Get('status')
  @ApiOperation({ summary: 'Status of the account named by X-Account-Id / accountId, else the default (hosted API shape)' })
  @ApiQuery({ name: 'refresh', required: false, type: Boolean })
  async status(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Query('refresh') refresh?: string) {
    return toHostedAccountStatusResponse(await this.statuses.status(auth, accountId, refresh === 'true' || refresh === '1'));
  }

  @Get(':id/status')
  @ApiOperation({ summary: 'Status of one account (hosted API shape)' })
  @ApiQuery({ name: 'refresh', required: false, type: Boolean })
  async statusOf(@Auth() auth: AuthContext, @Param('id') id: string, @Query('refresh') refresh?: string) {
    return toHostedAccountStatusResponse(await this.statuses.status(auth, id, refresh === 'true' || refresh === '1'));
  }
}
