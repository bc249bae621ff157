import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountStatusService, type AuthContext } from '@threadline/core';
import { AccountId, Auth } from '../common/auth.guard';
import { toHostedAccountStatusResponse } from './account-status.mapper';
import { StatusQueryDto } from './status-query.dto';

/** The hosted API's account status paths (`/linkedin/account/status`, `/linkedin/account/{id}/status`). */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('linkedin/account')
export class HostedAccountStatusController {
  constructor(private readonly statuses: AccountStatusService) {}

  @Get('status')
  @ApiOperation({ summary: 'Status of the account named by X-Account-Id / accountId, else the default (hosted API shape)' })
  async status(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Query() query: StatusQueryDto) {
    return toHostedAccountStatusResponse(await this.statuses.status(auth, accountId, query.refresh ?? false));
  }

  @Get(':id/status')
  @ApiOperation({ summary: 'Status of one account (hosted API shape)' })
  async statusOf(@Auth() auth: AuthContext, @Param('id') id: string, @Query() query: StatusQueryDto) {
    return toHostedAccountStatusResponse(await this.statuses.status(auth, id, query.refresh ?? false));
  }
}
