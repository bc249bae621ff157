import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthContext, InvitationsService } from '@threadline/core';
import type { Response } from 'express';
import { AccountId, Auth } from '../common/auth.guard';
import { IdempotencyKey } from '../common/idempotency.interceptor';
import { setRateLimitHeaders } from '../common/rate-limit-headers';
import { ConnectDto, ConnectResponse, InvitationIdParam, InvitationPageResponse, InvitationResponse, ListInvitationsQueryDto } from './invitation.dto';
import { toConnectResponse, toInvitationPageResponse, toInvitationResponse } from './invitation.mapper';

@ApiTags('invitations')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Account-Id', required: false, description: 'The LinkedIn account that invites; defaults to the workspace default.' })
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post(['v1/connect', 'linkedin/connect'])
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Invite a person to connect, with an optional note',
    description: 'Sent now and read back from LinkedIn. 429 INVITATIONS_HELD (with holdUntil) when LinkedIn\'s weekly cap was hit: invitations wait, messages do not. 429 QUOTA_EXCEEDED past the account\'s invitation budget (GET /v1/accounts/{id}/limits). 409 ALREADY_INVITED / ALREADY_CONNECTED / INVITATION_RESEND_TOO_SOON, 403 NOT_INVITABLE: about the person, not the account. Withdrawing is not supported: LinkedIn has no stable call for it.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key returns the same invitation and never invites twice.' })
  @ApiOkResponse({ type: ConnectResponse })
  async connect(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Body() dto: ConnectDto, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) res: Response): Promise<ConnectResponse> {
    const outcome = await this.invitations.connect(auth, { accountId: dto.accountId ?? accountId, profileRef: dto.profileUrn ?? dto.profileId, note: dto.customMessage, idempotencyKey: key });
    setRateLimitHeaders(res, outcome.quota);
    return toConnectResponse(outcome);
  }

  @Get('v1/invitations')
  @ApiOperation({ summary: 'Invitations sent by the workspace\'s accounts, newest first, with their state' })
  @ApiOkResponse({ type: InvitationPageResponse })
  async list(@Auth() auth: AuthContext, @Query() query: ListInvitationsQueryDto): Promise<InvitationPageResponse> {
    return toInvitationPageResponse(await this.invitations.list(auth, { accountId: query.accountId, state: query.state, cursor: query.cursor, limit: query.limit ?? 50 }));
  }

  @Get('v1/invitations/:id')
  @ApiOperation({ summary: 'One invitation' })
  @ApiOkResponse({ type: InvitationResponse })
  async get(@Auth() auth: AuthContext, @Param() params: InvitationIdParam): Promise<InvitationResponse & { success: true }> {
    return { success: true, ...toInvitationResponse(await this.invitations.get(auth, params.id)) };
  }
}
