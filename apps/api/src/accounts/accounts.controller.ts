import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountsService, type AuthContext } from '@threadline/core';
import { Auth } from '../common/auth.guard';
import { toAccountResponse } from './account.mapper';
import { ConnectAccountDto } from './connect-account.dto';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('v1/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @ApiOperation({ summary: 'Connect a LinkedIn account (the session is verified with LinkedIn first)' })
  async connect(@Auth() auth: AuthContext, @Body() dto: ConnectAccountDto) {
    return { success: true, account: toAccountResponse(await this.accounts.connect(auth, dto)) };
  }

  @Get()
  @ApiOperation({ summary: 'List the workspace’s LinkedIn accounts' })
  async list(@Auth() auth: AuthContext) {
    return { success: true, accounts: (await this.accounts.list(auth)).map(toAccountResponse) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One LinkedIn account, with its status' })
  async get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return { success: true, account: toAccountResponse(await this.accounts.get(auth, id)) };
  }
}
