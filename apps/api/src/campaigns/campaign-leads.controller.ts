import { Body, Controller, Get, HttpCode, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthContext, LeadsService } from '@threadline/core';
import { ApiErrors } from '../common/api-errors';
import { Auth } from '../common/auth.guard';
import { AddLeadsResponse, LeadControlResponse, LeadEnvelope, LeadListEnvelope, TimelineEnvelope } from './campaign-responses.dto';
import { AddLeadsDto, ListLeadsQueryDto } from './campaign.dto';
import { toAddLeadsResponse, toLeadControlResponse, toLeadResponse, toTimelineResponse } from './campaign.mapper';

const MAX_CSV_BYTES = 5 * 1024 * 1024;

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('v1/campaigns/:campaignId/leads')
export class CampaignLeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Post()
  @ApiOperation({ summary: 'Add leads (JSON batch)', description: 'Skips, with a reason, people already live in a campaign of the same sender, already in a conversation with it, on the exclusion list, or repeated.' })
  @ApiCreatedResponse({ type: AddLeadsResponse })
  @ApiErrors(400, 404, 409, 422)
  async add(@Auth() auth: AuthContext, @Param('campaignId') campaignId: string, @Body() dto: AddLeadsDto) {
    return toAddLeadsResponse(await this.leads.add(auth, campaignId, dto.leads), (l) => this.leads.temporalUrl(l));
  }

  @Post('csv')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_CSV_BYTES, files: 1 } }))
  @ApiOperation({ summary: 'Add leads from a CSV file (multipart field "file"): a profile column (e.g. "profileUrl"), other columns become attributes' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @ApiCreatedResponse({ type: AddLeadsResponse })
  @ApiErrors(400, 404, 409, 422)
  async addCsv(@Auth() auth: AuthContext, @Param('campaignId') campaignId: string, @UploadedFile() file: { buffer: Buffer } | undefined) {
    return toAddLeadsResponse(await this.leads.addCsv(auth, campaignId, file?.buffer.toString('utf8')), (l) => this.leads.temporalUrl(l));
  }

  @Get()
  @ApiOperation({ summary: 'The campaign’s leads, each with its state, current step and Temporal UI link' })
  @ApiOkResponse({ type: LeadListEnvelope })
  @ApiErrors(400, 404)
  async list(@Auth() auth: AuthContext, @Param('campaignId') campaignId: string, @Query() query: ListLeadsQueryDto) {
    const leads = await this.leads.list(auth, campaignId, { state: query.state, limit: query.limit ?? 50, offset: query.offset ?? 0 });
    return { success: true, leads: leads.map((l) => toLeadResponse(l, this.leads.temporalUrl(l))) };
  }

  @Get(':leadId')
  @ApiOperation({ summary: 'One lead' })
  @ApiOkResponse({ type: LeadEnvelope })
  @ApiErrors(404)
  async get(@Auth() auth: AuthContext, @Param('campaignId') campaignId: string, @Param('leadId') leadId: string) {
    const lead = await this.leads.get(auth, campaignId, leadId);
    return { success: true, lead: toLeadResponse(lead, this.leads.temporalUrl(lead)) };
  }

  @Get(':leadId/timeline')
  @ApiOperation({ summary: 'Every step of the lead’s run with when and why it waited (working hours, quota, hold, reply), from Postgres; `now` is what a live run waits for' })
  @ApiOkResponse({ type: TimelineEnvelope })
  @ApiErrors(404)
  async timeline(@Auth() auth: AuthContext, @Param('campaignId') campaignId: string, @Param('leadId') leadId: string) {
    return { success: true, timeline: toTimelineResponse(await this.leads.timeline(auth, campaignId, leadId)) };
  }

  @Post(':leadId/stop')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop this lead now', description: 'Answered by the lead’s run: `lead.state` is what it ends as; 409 CAMPAIGN_STATE_INVALID when its run has ended.' })
  @ApiOkResponse({ type: LeadControlResponse })
  @ApiErrors(404, 409, 422)
  async stop(@Auth() auth: AuthContext, @Param('campaignId') campaignId: string, @Param('leadId') leadId: string) {
    const answer = await this.leads.stop(auth, campaignId, leadId);
    return toLeadControlResponse(answer, this.leads.temporalUrl(answer.lead));
  }

  @Post(':leadId/skip')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Skip the lead’s current step (a wait ends, an unsent message is dropped, a failed step is passed)',
    description: 'Answered by the lead’s run; 409 CAMPAIGN_STATE_INVALID, saying what applies, when there is nothing to skip (paused before a step, between steps, ending, ended).',
  })
  @ApiOkResponse({ type: LeadControlResponse })
  @ApiErrors(404, 409, 422)
  async skip(@Auth() auth: AuthContext, @Param('campaignId') campaignId: string, @Param('leadId') leadId: string) {
    const answer = await this.leads.skipStep(auth, campaignId, leadId);
    return toLeadControlResponse(answer, this.leads.temporalUrl(answer.lead));
  }

  @Post(':leadId/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Retry the lead’s failed step (a send reads the thread back first, so it never doubles)',
    description: 'Answered by the lead’s run; 409 CAMPAIGN_STATE_INVALID unless the lead holds on a failed step.',
  })
  @ApiOkResponse({ type: LeadControlResponse })
  @ApiErrors(404, 409, 422)
  async retry(@Auth() auth: AuthContext, @Param('campaignId') campaignId: string, @Param('leadId') leadId: string) {
    const answer = await this.leads.retryStep(auth, campaignId, leadId);
    return toLeadControlResponse(answer, this.leads.temporalUrl(answer.lead));
  }
}
