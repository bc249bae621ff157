import type { MessageEntity, SendOutcome, SendRequest } from '@threadline/core';
import { DomainError } from '@threadline/domain';
import type { SendMessageDto, SendMessageResponse } from './send-message.dto';

/** Normalises both hosted-API body styles into one send request; cross-field rules live here. */
export function toSendRequest(dto: SendMessageDto, accountId: string | undefined, idempotencyKey: string | undefined, typing: boolean): SendRequest {
  const text = dto.text ?? dto.message ?? '';
  if (text.trim() === '' && !dto.attachments?.length) throw new DomainError('VALIDATION_FAILED', 'text: the message text is required (field "text" or "message").', { field: 'text' });
  const single = dto.recipientId ?? dto.recipientProfileUrn ?? dto.recipientProfileId;
  const recipients = dto.recipientIds ?? (single ? [single] : undefined);
  if (!recipients?.length && !dto.conversationUrn) {
    throw new DomainError('VALIDATION_FAILED', 'recipientId: name a recipient (recipientId, recipientProfileUrn, recipientProfileId or recipientIds) or a conversationUrn.', { field: 'recipientId' });
  }
  const messageType = dto.messageType ?? 'normal';
  if (messageType === 'inmail' && !dto.subject) throw new DomainError('VALIDATION_FAILED', 'subject: an InMail needs a subject.', { field: 'subject' });
  if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 200)) {
    throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key: must be 1 to 200 characters.', { field: 'Idempotency-Key' });
  }
  return {
    accountId,
    conversationUrn: dto.conversationUrn,
    recipients: dto.conversationUrn ? undefined : recipients,
    title: dto.title,
    text,
    subject: dto.subject,
    messageType,
    channel: dto.messagingChannel ?? 'auto',
    typing: dto.typing ?? typing,
    idempotencyKey,
    attachments: dto.attachments,
    groupId: dto.groupId,
  };
}

/** send-group: a DM to one fellow member of a LinkedIn group (the hosted API's meaning of "group"), not a group chat. */
export function toGroupSendRequest(dto: SendMessageDto, accountId: string | undefined, idempotencyKey: string | undefined): SendRequest {
  if (!dto.groupId) throw new DomainError('VALIDATION_FAILED', 'groupId: the LinkedIn group you share with the recipient is required.', { field: 'groupId' });
  if (dto.recipientIds?.length || dto.conversationUrn) {
    throw new DomainError('VALIDATION_FAILED', 'recipientProfileUrn: send-group reaches one group member; for a group chat use POST /v1/messages with recipientIds.', { field: 'recipientProfileUrn' });
  }
  if (dto.messageType === 'inmail') throw new DomainError('VALIDATION_FAILED', 'messageType: a group-member message is a normal message.', { field: 'messageType' });
  return { ...toSendRequest(dto, accountId, idempotencyKey, false), channel: 'linkedin_inbox' };
}

export function toSendMessageResponse(outcome: SendOutcome): SendMessageResponse {
  const { message, result } = outcome;
  const sent = message.status === 'sent' || result !== null;
  return {
    success: true,
    message: sent ? 'Message sent successfully' : 'Message accepted; it is being sent',
    status: sent ? 'sent' : 'pending',
    messageId: message.id,
    accountId: message.accountId,
    messageUrn: result?.messageUrn ?? message.messageUrn,
    backendMessageUrn: result?.backendUrn ?? message.backendUrn,
    conversationUrn: result?.conversationUrn ?? message.conversationUrn,
    recipientProfileUrn: result?.recipientUrn ?? message.recipientUrn,
    sentAt: result ? new Date(result.deliveredAt).toISOString() : (message.sentAt?.toISOString() ?? null),
    ...(result?.threadId ? { threadId: result.threadId } : {}),
    statusUrl: `/v1/messages/${message.id}`,
    temporalUrl: outcome.temporalUrl,
  };
}

export function toMessageResponse(message: MessageEntity) {
  return {
    messageId: message.id,
    accountId: message.accountId,
    direction: message.direction,
    status: message.status,
    messageType: message.messageType,
    text: message.text,
    subject: message.subject,
    messageUrn: message.messageUrn,
    backendMessageUrn: message.backendUrn,
    conversationUrn: message.conversationUrn,
    recipientProfileUrn: message.recipientUrn,
    sentAt: message.sentAt?.toISOString() ?? null,
    error: message.errorCode ? { code: message.errorCode, message: message.errorMessage } : null,
    createdAt: message.createdAt.toISOString(),
  };
}
