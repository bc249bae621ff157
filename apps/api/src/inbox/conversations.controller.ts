import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthContext, InboxService } from '@threadline/core';
import type { Response } from 'express';
import { AccountId, Auth } from '../common/auth.guard';
import { toConversationResponse, toConversationsPageResponse, toInboxMessageResponse, toSyncStatusResponse, toThreadMessagesResponse } from './inbox.mapper';
import { ConversationsPageResponse, SyncStatusResponse, ThreadMessagesResponse } from './inbox-responses.dto';
import { ConversationDetailsQueryDto, AccountSelectionQuery, ListConversationsQueryDto, SyncInboxDto, ThreadMessagesQueryDto } from './inbox-queries.dto';

/** Inbox reads, served from the synced copy in Postgres; every path also answers at the hosted API's /linkedin path. */
@ApiTags('conversations')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Account-Id', required: false, description: 'The LinkedIn account to read; defaults to the workspace default.' })
@Controller()
export class ConversationsController {
  constructor(private readonly inbox: InboxService) {}

  @Get(['v1/conversations', 'linkedin/conversations'])
  @ApiOperation({ summary: 'List conversations, newest activity first (cursor paging, unreadOnly, several accounts, Sales Navigator merged)' })
  @ApiOkResponse({ type: ConversationsPageResponse })
  async list(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Query() q: ListConversationsQueryDto) {
    return toConversationsPageResponse(await this.inbox.listConversations(auth, {
      accountId, linkedinAccountIds: q.linkedinAccountIds, count: q.count ?? 20, cursor: q.nextCursor ?? q.cursor,
      unreadOnly: q.unreadOnly ?? (q.read === false ? true : undefined), keyword: q.keyword,
    }));
  }

  // Decision: served directly rather than 307 → /conversations, so clients that drop auth on redirects keep working.
  @Get(['v1/messaging/recent-messages', 'linkedin/messaging/recent-messages'])
  @ApiOperation({ summary: 'Deprecated alias of GET /conversations (same answer, with a Deprecation header)', deprecated: true })
  @ApiOkResponse({ type: ConversationsPageResponse })
  async recent(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Query() q: ListConversationsQueryDto, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Deprecation', 'true');
    res.setHeader('Link', '</linkedin/conversations>; rel="successor-version"');
    return this.list(auth, accountId, q);
  }

  @Get(['v1/conversations/sync', 'linkedin/conversations/sync'])
  @ApiOperation({ summary: 'Inbox sync status per account: last pass, errors, running or stopped' })
  @ApiOkResponse({ type: SyncStatusResponse })
  async syncStatus(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Query() q: AccountSelectionQuery) {
    return toSyncStatusResponse(await this.inbox.syncStatus(auth, { accountId, linkedinAccountIds: q.linkedinAccountIds }));
  }

  @Post(['v1/conversations/sync', 'linkedin/conversations/sync'])
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Ask for an inbox sync pass now (202; poll GET /conversations/sync for its result)' })
  @ApiAcceptedResponse({ type: SyncStatusResponse })
  async sync(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Body() dto: SyncInboxDto) {
    return toSyncStatusResponse(await this.inbox.requestSync(auth, { accountId, linkedinAccountIds: dto.linkedinAccountIds }));
  }

  @Get(['v1/conversations/exists/:profileId', 'linkedin/conversations/exists/:profileId'])
  @ApiOperation({ summary: 'Whether a conversation with this person exists (ACoAA… id, fsd_profile URN or profile URL)' })
  async exists(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Param('profileId') profileId: string, @Query() q: AccountSelectionQuery) {
    const found = await this.inbox.exists(auth, profileId, { accountId, linkedinAccountIds: q.linkedinAccountIds });
    return { success: true, exists: found.conversation !== null, profileUrn: found.profileUrn, conversationUrn: found.conversation?.conversationUrn ?? null, conversation: found.conversation ? toConversationResponse(found.conversation) : null };
  }

  @Get(['v1/conversations/:conversationUrn/messages', 'linkedin/conversations/:conversationUrn/messages'])
  @ApiOperation({ summary: 'Messages of one conversation, newest first (count, cursor, since); Sales Navigator threads as urn:li:salesNav_thread:<id>' })
  @ApiOkResponse({ type: ThreadMessagesResponse })
  async messages(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Param('conversationUrn') conversationUrn: string, @Query() q: ThreadMessagesQueryDto) {
    return toThreadMessagesResponse(await this.inbox.threadMessages(auth, conversationUrn, {
      accountId, linkedinAccountIds: q.linkedinAccountIds, count: q.count ?? 20, cursor: q.cursor, since: q.since, sync: q.sync,
    }));
  }

  @Get(['v1/messaging/conversation-details', 'linkedin/messaging/conversation-details'])
  @ApiOperation({ summary: 'Messages around an anchor time (deliveredAt, countBefore, countAfter), by conversationUrn or profileId' })
  async details(@Auth() auth: AuthContext, @AccountId() accountId: string | undefined, @Query() q: ConversationDetailsQueryDto) {
    const details = await this.inbox.conversationDetails(auth, {
      accountId, linkedinAccountIds: q.linkedinAccountIds, conversationUrn: q.conversationUrn, profileId: q.profileId,
      deliveredAt: q.deliveredAt, countBefore: q.countBefore ?? 20, countAfter: q.countAfter ?? 0,
    });
    return { success: true, conversationUrn: details.conversation.conversationUrn, conversation: toConversationResponse(details.conversation), messages: details.messages.map(toInboxMessageResponse), fromCache: true };
  }
}
