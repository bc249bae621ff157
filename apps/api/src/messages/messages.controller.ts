import { Body, Controller, Get, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthContext, MessagingService } from '@threadline/core';
import type { Response } from 'express';
import { AccountId, Auth } from '../common/auth.guard';
import { IdempotencyKey } from '../common/idempotency.interceptor';
import { setRateLimitHeaders } from '../common/rate-limit-headers';
import { toGroupSendRequest, toMessageResponse, toSendMessageResponse, toSendRequest } from './message.mapper';
import { SendMessageDto, SendMessageResponse } from './send-message.dto';

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
  async send(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Body() dto: SendMessageDto, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) res: Response): Promise<SendMessageResponse> {
    const outcome = await this.messaging.send(auth, toSendRequest(dto, accountId, key, false));
    setRateLimitHeaders(res, outcome.quota);
    const body = toSendMessageResponse(outcome);
    res.status(body.status === 'sent' ? HttpStatus.OK : HttpStatus.ACCEPTED);
    return body;
  }

  @Post(['v1/messaging/send-with-typing', 'linkedin/messaging/send-with-typing'])
  @ApiOperation({ summary: 'Show a natural typing indicator, then send' })
  @ApiOkResponse({ type: SendMessageResponse })
  async sendWithTyping(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Body() dto: SendMessageDto, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) res: Response): Promise<SendMessageResponse & { typingIndicatorSent: boolean | null }> {
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
  async sendGroup(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Body() dto: SendMessageDto, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) res: Response): Promise<SendMessageResponse> {
    const outcome = await this.messaging.send(auth, toGroupSendRequest(dto, accountId, key));
    setRateLimitHeaders(res, outcome.quota);
    const body = toSendMessageResponse(outcome);
    res.status(body.status === 'sent' ? HttpStatus.OK : HttpStatus.ACCEPTED);
    return body;
  }

  @Get('v1/messages/:id')
  @ApiOperation({ summary: 'The state of a message sent through the API' })
  async get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return { success: true, ...toMessageResponse(await this.messaging.get(auth, id)) };
  }
}
