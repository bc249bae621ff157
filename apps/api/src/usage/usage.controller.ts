import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthContext, UsageService } from '@threadline/core';
import { Auth } from '../common/auth.guard';
import { UsageQueryDto } from './usage-query.dto';

@ApiTags('usage')
@ApiBearerAuth()
@Controller('v1/usage')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get()
  @ApiOperation({ summary: 'Sent messages, sent InMails and API calls per account and UTC day (what an operator bills from)', description: 'accountId is null for API calls that named no account.' })
  async report(@Auth() auth: AuthContext, @Query() query: UsageQueryDto) {
    return { success: true, ...(await this.usage.report(auth, query)) };
  }
}
