import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AccountActionsService, type AuthContext } from '@threadline/core';
import { DomainError } from '@threadline/domain';
import { AccountId, Auth } from '../common/auth.guard';
import { IdempotencyKey } from '../common/idempotency.interceptor';
import { EditMessageDto, EditMessageResponse, MessageParamsDto, MessageReactionsResponse, ReactDto, ReactionParamsDto } from './message-reaction.dto';
import { toEditMessageResponse, toMessageReactionsResponse } from './message-reaction.mapper';

const MESSAGE = 'conversations/:conversationUrn/messages/:messageUrn';

/** Reactions and edits of a message (the hosted `…/messages/{msg}/reactions` and `…/modify`), each a Temporal activity. */
@ApiTags('messaging')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Account-Id', required: false, description: 'The LinkedIn account to act as; by default the owner of the conversation URN.' })
@ApiParam({ name: 'conversationUrn', description: 'URL-encoded conversation URN.' })
@ApiParam({ name: 'messageUrn', description: 'URL-encoded message URN (urn:li:msg_message:…) of that conversation.' })
@Controller()
export class MessageReactionsController {
  constructor(private readonly actions: AccountActionsService) {}

  @Post([`v1/${MESSAGE}/reactions`, `linkedin/${MESSAGE}/reactions`])
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'React to a message with an emoji (fires message.reaction)' })
  @ApiOkResponse({ type: MessageReactionsResponse })
  async react(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Param() params: MessageParamsDto, @Body() dto: ReactDto, @IdempotencyKey() key?: string) {
    const emoji = dto.emoji ?? dto.reaction;
    if (!emoji) throw new DomainError('VALIDATION_FAILED', 'emoji is required: one emoji, e.g. "👍".', { field: 'emoji' });
    const target = { conversationUrn: params.conversationUrn, messageUrn: params.messageUrn };
    return toMessageReactionsResponse(await this.actions.react(auth, accountId, target, emoji, true, key), target);
  }

  @Delete([`v1/${MESSAGE}/reactions/:emoji`, `linkedin/${MESSAGE}/reactions/:emoji`])
  @ApiOperation({ summary: 'Remove the account’s reaction with this (URL-encoded) emoji (fires message.reaction)' })
  @ApiParam({ name: 'emoji', description: 'URL-encoded emoji, e.g. %F0%9F%91%8D for 👍.' })
  @ApiOkResponse({ type: MessageReactionsResponse })
  async unreact(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Param() params: ReactionParamsDto, @IdempotencyKey() key?: string) {
    const target = { conversationUrn: params.conversationUrn, messageUrn: params.messageUrn };
    return toMessageReactionsResponse(await this.actions.react(auth, accountId, target, params.emoji, false, key), target);
  }

  @Get([`v1/${MESSAGE}/reactions`, `linkedin/${MESSAGE}/reactions`])
  @ApiOperation({ summary: 'The message’s reactions, each with who reacted (read from LinkedIn)' })
  @ApiOkResponse({ type: MessageReactionsResponse })
  async list(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Param() params: MessageParamsDto) {
    const target = { conversationUrn: params.conversationUrn, messageUrn: params.messageUrn };
    return toMessageReactionsResponse(await this.actions.listReactions(auth, accountId, target), target);
  }

  @Patch([`v1/${MESSAGE}`, `linkedin/${MESSAGE}`])
  @ApiOperation({ summary: 'Edit one of the account’s messages; answers the text read back from LinkedIn' })
  @ApiOkResponse({ type: EditMessageResponse })
  async edit(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Param() params: MessageParamsDto, @Body() dto: EditMessageDto, @IdempotencyKey() key?: string) {
    const target = { conversationUrn: params.conversationUrn, messageUrn: params.messageUrn };
    return toEditMessageResponse(await this.actions.edit(auth, accountId, target, dto.text, key), target);
  }

  @Post([`v1/${MESSAGE}/modify`, `linkedin/${MESSAGE}/modify`])
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Same as PATCH on the message (the hosted API’s name)' })
  @ApiOkResponse({ type: EditMessageResponse })
  modify(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Param() params: MessageParamsDto, @Body() dto: EditMessageDto, @IdempotencyKey() key?: string) {
    return this.edit(auth, accountId, params, dto, key);
  }
}
