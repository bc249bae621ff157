import { Body, Controller, Get, HttpStatus, Param, Post, Res, applyDecorators } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuthContext, MessagingService } from '@threadline/core';
import type { Response } from 'express';
import { ApiErrors, ErrorResponse } from '../common/api-errors';
import { AccountId, Auth } from '../common/auth.guard';
import { IdempotencyKey } from '../common/idempotency.interceptor';
import { setRateLimitHeaders } from '../common/rate-limit-headers';
import { toGroupSendRequest, toMessageResponse, toSendMessageResponse, toSendRequest } from './message.mapper';
import { MessageStatusResponse, SendMessageDto, SendMessageResponse, SendWithTypingResponse } from './send-message.dto';

const PENDING = 'Still waiting (quota spacing, a hold): status is pending; poll statusUrl (GET /v1/messages/{id}) until sent or failed.';

/** What a send can answer instead, each in the error envelope (README, "Errors"). */
const SEND_ERRORS: Record<number, string> = {
  400: 'VALIDATION_FAILED: a field is missing or wrong; `field` names it.',
  401: 'UNAUTHORIZED: no API key, or a wrong one.',
  403: 'RECIPIENT_NOT_REACHABLE, ACCOUNT_RESTRICTED, LINKEDIN_FORBIDDEN, INMAIL_UNAVAILABLE, INMAIL_CREDITS_EXHAUSTED or GROUP_MESSAGE_UNSUPPORTED: LinkedIn will not take this message from this account.',
  404: 'ACCOUNT_NOT_FOUND or NOT_FOUND: no such account, conversation or attachment in this workspace.',
  409: 'ACCOUNT_DISCONNECTED, ACCOUNT_CHECKPOINT or NO_DEFAULT_ACCOUNT: the account cannot send now; IDEMPOTENCY_IN_PROGRESS: the same Idempotency-Key is still running.',
  422: 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another body; LINKEDIN_REJECTED: LinkedIn refused the request.',
  429: 'QUOTA_EXCEEDED: the account\'s daily or weekly cap is used (X-RateLimit-* say which); ACCOUNT_ON_HOLD, SEND_TOO_SOON, LINKEDIN_RATE_LIMITED, API_RATE_LIMITED: see Retry-After.',
  502: 'LINKEDIN_UNAVAILABLE: LinkedIn failed; nothing was sent.',
  503: 'SERVICE_UNAVAILABLE: Postgres or Temporal does not answer; nothing was sent, retry (Retry-After).',
};
const ApiSendErrors = () => applyDecorators(...Object.entries(SEND_ERRORS).map(([status, description]) => ApiResponse({ status: Number(status), description, type: ErrorResponse })));

@ApiTags('messages')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Account-Id', required: false, description: 'The LinkedIn account to act as; a send into a conversationUrn defaults to its mailbox owner (404 when it names another account), otherwise to the workspace default.' })
@Controller()
export class MessagesController {
  constructor(private readonly messaging: MessagingService) {}

  @Post(['v1/messages', 'v1/message', 'v1/messaging/send', 'v1/conversations/send', 'linkedin/message', 'linkedin/messages', 'linkedin/messaging/send', 'linkedin/conversations/send'])
  @ApiOperation({ summary: 'Send a 1:1 (or group) LinkedIn message', description: 'Answers 200 with the LinkedIn URNs once sent, or 202 while the send is still waiting (quota spacing, hold).' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key returns the same result and never sends twice.' })
  @ApiOkResponse({ type: SendMessageResponse })
  @ApiAcceptedResponse({ type: SendMessageResponse, description: PENDING })
  @ApiSendErrors()
  async send(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Body() dto: SendMessageDto, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) res: Response): Promise<SendMessageResponse> {
    const outcome = await this.messaging.send(auth, toSendRequest(dto, accountId, key, false));
    setRateLimitHeaders(res, outcome.quota);
    const body = toSendMessageResponse(outcome);
    res.status(body.status === 'sent' ? HttpStatus.OK : HttpStatus.ACCEPTED);
    return body;
  }

  @Post(['v1/messaging/send-with-typing', 'linkedin/messaging/send-with-typing'])
  @ApiOperation({ summary: 'Show a natural typing indicator, then send' })
  @ApiOkResponse({ type: SendWithTypingResponse })
  @ApiAcceptedResponse({ type: SendWithTypingResponse, description: PENDING })
  @ApiSendErrors()
  async sendWithTyping(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Body() dto: SendMessageDto, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) res: Response): Promise<SendWithTypingResponse> {
    const outcome = await this.messaging.send(auth, toSendRequest(dto, accountId, key, true));
    setRateLimitHeaders(res, outcome.quota);
    const body = toSendMessageResponse(outcome);
    res.status(body.status === 'sent' ? HttpStatus.OK : HttpStatus.ACCEPTED);
    // Typing needs an existing conversation; unknown (null) while the send is still pending.
    return { ...body, typingIndicatorSent: outcome.result ? outcome.result.typingShown === true : null };
  }

  @Post(['v1/messaging/send-group', 'linkedin/messaging/send-group'])
  @ApiOperation({
    summary: 'Message a fellow member of a LinkedIn group you share (no connection needed)',
    description: 'Sent as a normal DM, which LinkedIn allows between members of a shared group. 403 GROUP_MESSAGE_UNSUPPORTED when LinkedIn refuses: its current group-context wire format is not public. For a multi-person chat use POST /v1/messages with recipientIds.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: SendMessageResponse })
  @ApiAcceptedResponse({ type: SendMessageResponse, description: PENDING })
  @ApiSendErrors()
  async sendGroup(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Body() dto: SendMessageDto, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) res: Response): Promise<SendMessageResponse> {
    const outcome = await this.messaging.send(auth, toGroupSendRequest(dto, accountId, key));
    setRateLimitHeaders(res, outcome.quota);
    const body = toSendMessageResponse(outcome);
    res.status(body.status === 'sent' ? HttpStatus.OK : HttpStatus.ACCEPTED);
    return body;
  }

  @Get('v1/messages/:id')
  @ApiOperation({ summary: 'The state of a message sent through the API' })
  @ApiOkResponse({ type: MessageStatusResponse })
  @ApiErrors(404)
  async get(@Auth() auth: AuthContext, @Param('id') id: string): Promise<MessageStatusResponse> {
    return { success: true, ...toMessageResponse(await this.messaging.get(auth, id)) };
  }
}
