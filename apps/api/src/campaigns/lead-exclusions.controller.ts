import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthContext, LeadsService } from '@threadline/core';
import { ApiErrors } from '../common/api-errors';
import { Auth } from '../common/auth.guard';
import { ExclusionListEnvelope, ExclusionsAddedEnvelope, SuccessEnvelope } from './campaign-responses.dto';
import { PageQueryDto } from '../common/page-query.dto';
import { AddExclusionsDto } from './campaign.dto';
import { toExclusionResponse } from './campaign.mapper';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('v1/lead-exclusions')
export class LeadExclusionsController {
  constructor(private readonly leads: LeadsService) {}

  @Post()
  @ApiOperation({ summary: 'Never take these people as leads, in any campaign of the workspace' })
  @ApiCreatedResponse({ type: ExclusionsAddedEnvelope })
  @ApiErrors(400, 422)
  async add(@Auth() auth: AuthContext, @Body() dto: AddExclusionsDto) {
    return { success: true, profileKeys: await this.leads.exclude(auth, dto.profiles, dto.reason ?? null) };
  }

  @Get()
  @ApiOperation({ summary: 'The workspace’s exclusion list' })
  @ApiOkResponse({ type: ExclusionListEnvelope })
  @ApiErrors(400)
  async list(@Auth() auth: AuthContext, @Query() page: PageQueryDto) {
    return { success: true, exclusions: (await this.leads.listExclusions(auth, page.limit ?? 50, page.offset ?? 0)).map(toExclusionResponse) };
  }

  @Delete(':profile')
  @ApiOperation({ summary: 'Take someone off the exclusion list' })
  @ApiOkResponse({ type: SuccessEnvelope })
  @ApiErrors(404)
  async remove(@Auth() auth: AuthContext, @Param('profile') profile: string) {
    await this.leads.removeExclusion(auth, profile);
    return { success: true };
  }
}
