import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthContext, CampaignsService } from '@threadline/core';
import { ApiErrors } from '../common/api-errors';
import { Auth } from '../common/auth.guard';
import { CampaignEnvelope, CampaignListEnvelope, CampaignStatsEnvelope, RetryFailedEnvelope } from './campaign-responses.dto';
import { CreateCampaignDto, ListCampaignsQueryDto } from './campaign.dto';
import { toCampaignResponse, toCampaignSummary, toCreateCampaignRequest, toStatsResponse } from './campaign.mapper';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('v1/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a campaign (draft): sender account(s), a published sequence version, working hours, stop-on-reply' })
  @ApiCreatedResponse({ type: CampaignEnvelope })
  @ApiErrors(400, 404, 409, 422)
  async create(@Auth() auth: AuthContext, @Body() dto: CreateCampaignDto) {
    return { success: true, campaign: toCampaignResponse(await this.campaigns.create(auth, toCreateCampaignRequest(dto))) };
  }

  @Get()
  @ApiOperation({ summary: 'The workspace’s campaigns, newest first (archived ones with ?archived=true)' })
  @ApiOkResponse({ type: CampaignListEnvelope })
  @ApiErrors(400)
  async list(@Auth() auth: AuthContext, @Query() query: ListCampaignsQueryDto) {
    return { success: true, campaigns: (await this.campaigns.list(auth, query.archived === 'true', query.limit ?? 50, query.offset ?? 0)).map(toCampaignSummary) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One campaign: status and lead counts per state' })
  @ApiOkResponse({ type: CampaignEnvelope })
  @ApiErrors(404)
  async get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return { success: true, campaign: toCampaignResponse(await this.campaigns.get(auth, id)) };
  }

  @Get(':id/stats')
  @ApiOperation({ summary: 'Sent, replied, reply rate and time to reply, per step and per A/B variant' })
  @ApiOkResponse({ type: CampaignStatsEnvelope })
  @ApiErrors(404)
  async stats(@Auth() auth: AuthContext, @Param('id') id: string) {
    return { success: true, stats: toStatsResponse(await this.campaigns.stats(auth, id)) };
  }

  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start a draft campaign: its leads are enrolled in batches' })
  @ApiOkResponse({ type: CampaignEnvelope })
  @ApiErrors(404, 409, 422)
  async start(@Auth() auth: AuthContext, @Param('id') id: string) {
    return { success: true, campaign: toCampaignResponse(await this.campaigns.start(auth, id)) };
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause: no new step starts (a message not yet sent is held back); waits keep running' })
  @ApiOkResponse({ type: CampaignEnvelope })
  @ApiErrors(404, 409, 422)
  async pause(@Auth() auth: AuthContext, @Param('id') id: string) {
    return { success: true, campaign: toCampaignResponse(await this.campaigns.pause(auth, id)) };
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume: each lead continues where it stopped; a step that happened never runs again' })
  @ApiOkResponse({ type: CampaignEnvelope })
  @ApiErrors(404, 409, 422)
  async resume(@Auth() auth: AuthContext, @Param('id') id: string) {
    return { success: true, campaign: toCampaignResponse(await this.campaigns.resume(auth, id)) };
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel: pending leads never start, running leads end now' })
  @ApiOkResponse({ type: CampaignEnvelope })
  @ApiErrors(404, 409, 422)
  async cancel(@Auth() auth: AuthContext, @Param('id') id: string) {
    return { success: true, campaign: toCampaignResponse(await this.campaigns.cancel(auth, id)) };
  }

  @Post(':id/retry-failed')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Retry the failed step of every lead holding on one (steps that succeeded never run again)',
    description: 'Fanned out by the campaign’s coordinator. `retried` counts the leads whose run accepted the retry; null when the fan-out takes longer than 30 s (it carries on).',
  })
  @ApiOkResponse({ type: RetryFailedEnvelope })
  @ApiErrors(404, 409, 422)
  async retryFailed(@Auth() auth: AuthContext, @Param('id') id: string) {
    const { campaign, retried } = await this.campaigns.retryFailed(auth, id);
    return { success: true, retried, campaign: toCampaignResponse(campaign) };
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive a draft, completed or cancelled campaign (hidden from the default listing)' })
  @ApiOkResponse({ type: CampaignEnvelope })
  @ApiErrors(404, 409, 422)
  async archive(@Auth() auth: AuthContext, @Param('id') id: string) {
    return { success: true, campaign: toCampaignResponse(await this.campaigns.archive(auth, id)) };
  }
}
