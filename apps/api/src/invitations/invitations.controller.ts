import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthContext, InvitationsService } from '@threadline/core';
import type { Response } from 'express';
import { AccountId, Auth } from '../common/auth.guard';
import { ApiErrors, ErrorResponse } from '../common/api-errors';
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
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'VALIDATION_FAILED: profileId/profileUrn missing or not a person, customMessage over 300 characters; `field` names it.' })
  @ApiResponse({ status: 401, type: ErrorResponse, description: 'UNAUTHORIZED: no API key, or a wrong one.' })
  @ApiResponse({ status: 403, type: ErrorResponse, description: 'NOT_INVITABLE: LinkedIn does not allow inviting this person; ACCOUNT_RESTRICTED.' })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'ACCOUNT_NOT_FOUND / NOT_FOUND: no such account in this workspace, or LinkedIn does not know the person.' })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'ALREADY_INVITED, ALREADY_CONNECTED, INVITATION_RESEND_TOO_SOON (LinkedIn\'s CANT_RESEND_YET), INVITATION_STATE_INVALID: about the person, not the account; ACCOUNT_DISCONNECTED / ACCOUNT_CHECKPOINT; IDEMPOTENCY_IN_PROGRESS.' })
  @ApiResponse({ status: 422, type: ErrorResponse, description: 'INVITATION_NOTE_UNAVAILABLE (field customMessage): too long for this account (200 on free accounts) or no notes left this month; IDEMPOTENCY_KEY_REUSED.' })
  @ApiResponse({ status: 429, type: ErrorResponse, description: 'INVITATIONS_HELD (with holdUntil): LinkedIn\'s weekly invitation cap, invitations wait and messages do not; QUOTA_EXCEEDED: the invitation budget is used; ACCOUNT_ON_HOLD; API_RATE_LIMITED. See Retry-After.' })
  @ApiResponse({ status: 503, type: ErrorResponse, description: 'SERVICE_UNAVAILABLE: Postgres or Temporal does not answer; see Retry-After.' })
  async connect(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Body() dto: ConnectDto, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) res: Response): Promise<ConnectResponse> {
    const outcome = await this.invitations.connect(auth, { accountId: dto.accountId ?? accountId, profileRef: dto.profileUrn ?? dto.profileId, note: dto.customMessage, idempotencyKey: key });
    setRateLimitHeaders(res, outcome.quota);
    return toConnectResponse(outcome);
  }

  @Get('v1/invitations')
  @ApiOperation({ summary: 'Invitations sent by the workspace\'s accounts, newest first, with their state' })
  @ApiOkResponse({ type: InvitationPageResponse })
  @ApiErrors(400, 404)
  async list(@Auth() auth: AuthContext, @Query() query: ListInvitationsQueryDto): Promise<InvitationPageResponse> {
    return toInvitationPageResponse(await this.invitations.list(auth, { accountId: query.accountId, state: query.state, cursor: query.cursor, limit: query.limit ?? 50 }));
  }

  @Get('v1/invitations/:id')
  @ApiOperation({ summary: 'One invitation' })
  @ApiOkResponse({ type: InvitationResponse })
  @ApiErrors(400, 404)
  async get(@Auth() auth: AuthContext, @Param() params: InvitationIdParam): Promise<InvitationResponse & { success: true }> {
    return { success: true, ...toInvitationResponse(await this.invitations.get(auth, params.id)) };
  }
}
