import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountStatusService, AccountsService, type AuthContext } from '@threadline/core';
import { Auth } from '../common/auth.guard';
import { toAccountResponse } from './account.mapper';
import { ConnectAccountDto } from './connect-account.dto';
import { toAccountStatusResponse } from './account-status.mapper';
import { UpdateAccountDto } from './update-account.dto';
import { StatusQueryDto } from './status-query.dto';
import { AccountLimitsResponse } from './account-limits.dto';
import { AccountEnvelopeResponse, AccountsListResponse } from './account-responses.dto';
import { ApiErrors } from '../common/api-errors';
import { toAccountLimitsResponse } from './account-limits.mapper';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('v1/accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly statuses: AccountStatusService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Connect a LinkedIn account (the session is verified with LinkedIn first)' })
  @ApiCreatedResponse({ type: AccountEnvelopeResponse })
  @ApiErrors(400)
  async connect(@Auth() auth: AuthContext, @Body() dto: ConnectAccountDto): Promise<AccountEnvelopeResponse> {
    return { success: true, account: toAccountResponse(await this.accounts.connect(auth, dto)) };
  }

  @Get()
  @ApiOperation({ summary: 'List the workspace’s LinkedIn accounts' })
  @ApiOkResponse({ type: AccountsListResponse })
  async list(@Auth() auth: AuthContext): Promise<AccountsListResponse> {
    return { success: true, accounts: (await this.accounts.list(auth)).map(toAccountResponse) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One LinkedIn account, with its status' })
  @ApiOkResponse({ type: AccountEnvelopeResponse })
  @ApiErrors(404)
  async get(@Auth() auth: AuthContext, @Param('id') id: string): Promise<AccountEnvelopeResponse> {
    return { success: true, account: toAccountResponse(await this.accounts.get(auth, id)) };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update an account: new cookies reconnect it (verified with LinkedIn first), user agent, proxy, daily cap, time zone, pause, warm-up; a change of caps, hold, warm-up or time zone applies to its waiting sends at once' })
  @ApiOkResponse({ type: AccountEnvelopeResponse })
  @ApiErrors(400, 404)
  async update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdateAccountDto): Promise<AccountEnvelopeResponse> {
    return { success: true, account: toAccountResponse(await this.accounts.update(auth, id, dto)) };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Remove an account and its stored session' })
  async remove(@Auth() auth: AuthContext, @Param('id') id: string) {
    await this.accounts.remove(auth, id);
    return { success: true, id };
  }

  @Post(':id/default')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Make this the workspace’s default account (used when a request names none)' })
  @ApiOkResponse({ type: AccountEnvelopeResponse })
  @ApiErrors(404)
  async setDefault(@Auth() auth: AuthContext, @Param('id') id: string): Promise<AccountEnvelopeResponse> {
    return { success: true, account: toAccountResponse(await this.accounts.setDefault(auth, id)) };
  }

  @Get(':id/status')
  @ApiOperation({ summary: 'Status, plan and quota of an account; refresh=true probes LinkedIn first (as a Temporal activity)' })
  async status(@Auth() auth: AuthContext, @Param('id') id: string, @Query() query: StatusQueryDto) {
    return toAccountStatusResponse(await this.statuses.status(auth, id, query.refresh ?? false));
  }

  @Get(':id/limits')
  @ApiOperation({ summary: 'Budgets per action (daily and weekly: used, reserved, remaining), next free slot, warm-up stage and hold; the numbers of the X-RateLimit-* headers' })
  @ApiOkResponse({ type: AccountLimitsResponse })
  @ApiErrors(404)
  async limits(@Auth() auth: AuthContext, @Param('id') id: string): Promise<AccountLimitsResponse> {
    return toAccountLimitsResponse(await this.statuses.limits(auth, id));
  }
}
