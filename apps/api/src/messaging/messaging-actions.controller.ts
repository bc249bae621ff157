import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AccountActionsService, type AuthContext } from '@threadline/core';
import { AccountId, Auth } from '../common/auth.guard';
import { IdempotencyKey } from '../common/idempotency.interceptor';
import { AccountOnlyDto, ConversationActionDto, ConversationActionResponse, ConversationUrnParamDto, RecallParamsDto } from './conversation-action.dto';
import { toConversationActionResponse } from './conversation-action.mapper';

/** Read state, typing and recall: each runs as a Temporal activity with the account's session. */
@ApiTags('messaging')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Account-Id', required: false, description: 'The LinkedIn account to act as; by default the owner of the conversation or message URN (404 when it names another account).' })
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key returns the same result and never acts twice.' })
@Controller()
export class MessagingActionsController {
  constructor(private readonly actions: AccountActionsService) {}

  @Post(['v1/messaging/typing-indicator', 'linkedin/messaging/typing-indicator'])
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Show a typing indicator in a conversation (one ping; LinkedIn shows it for a few seconds)' })
  @ApiOkResponse({ type: ConversationActionResponse })
  async typing(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Body() dto: ConversationActionDto, @IdempotencyKey() key?: string) {
    return toConversationActionResponse(await this.actions.typing(auth, accountId, dto.conversationUrn, key), 'Typing indicator sent', { conversationUrn: dto.conversationUrn });
  }

  @Post(['v1/messaging/mark-seen', 'linkedin/messaging/mark-seen'])
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark a conversation read (LinkedIn may show the other side a seen receipt)' })
  @ApiOkResponse({ type: ConversationActionResponse })
  async markSeen(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Body() dto: ConversationActionDto, @IdempotencyKey() key?: string) {
    return toConversationActionResponse(await this.actions.markRead(auth, accountId, dto.conversationUrn, true, key), 'Conversation marked as seen successfully', { conversationUrn: dto.conversationUrn });
  }

  @Patch(['v1/conversations/:conversationUrn/mark-unread', 'linkedin/conversations/:conversationUrn/mark-unread'])
  @ApiOperation({ summary: 'Mark a conversation unread' })
  @ApiParam({ name: 'conversationUrn', description: 'URL-encoded conversation URN.' })
  @ApiOkResponse({ type: ConversationActionResponse })
  async markUnread(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Param() dto: ConversationUrnParamDto) {
    return toConversationActionResponse(await this.actions.markRead(auth, accountId, dto.conversationUrn, false), 'Conversation marked as unread', { conversationUrn: dto.conversationUrn });
  }

  @Post(['v1/messaging/mark-all-read', 'linkedin/messaging/mark-all-read'])
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Clear the unread badge and mark every unread recent conversation read' })
  @ApiOkResponse({ type: ConversationActionResponse })
  async markAllRead(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Body() _dto: AccountOnlyDto, @IdempotencyKey() key?: string) {
    return toConversationActionResponse(await this.actions.markAllRead(auth, accountId, key), 'All conversations marked as read');
  }

  @Delete(['v1/conversations/:conversationUrn/messages/:messageUrn', 'linkedin/conversations/:conversationUrn/messages/:messageUrn'])
  @ApiOperation({ summary: 'Recall (unsend) one of the account’s messages for everyone' })
  @ApiParam({ name: 'conversationUrn', description: 'URL-encoded conversation URN.' })
  @ApiParam({ name: 'messageUrn', description: 'URL-encoded message URN (urn:li:msg_message:…).' })
  @ApiOkResponse({ type: ConversationActionResponse })
  async recall(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Param() params: RecallParamsDto) {
    const { conversationUrn, messageUrn } = params;
    return toConversationActionResponse(await this.actions.recall(auth, accountId, conversationUrn, messageUrn), 'Message recalled', { conversationUrn, messageUrn });
  }
}
