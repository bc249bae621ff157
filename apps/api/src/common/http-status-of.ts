import { HttpStatus } from '@nestjs/common';
import type { ErrorCode } from '@threadline/domain';

// Nest's HttpStatus enum has no 431 (RFC 6585).
const REQUEST_HEADER_FIELDS_TOO_LARGE = 431 as HttpStatus;

/** The one place error codes become HTTP statuses; a new code fails to compile until it is mapped here. */
export function httpStatusOf(code: ErrorCode): HttpStatus {
  switch (code) {
    case 'VALIDATION_FAILED':
      return HttpStatus.BAD_REQUEST;
    case 'UNAUTHORIZED':
      return HttpStatus.UNAUTHORIZED;
    case 'NOT_FOUND':
    case 'ACCOUNT_NOT_FOUND':
      return HttpStatus.NOT_FOUND;
    case 'NO_DEFAULT_ACCOUNT':
    case 'CONFLICT':
    case 'ACCOUNT_DISCONNECTED':
    case 'ACCOUNT_CHECKPOINT':
      return HttpStatus.CONFLICT;
    case 'IDEMPOTENCY_KEY_REUSED':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'API_RATE_LIMITED':
    case 'SEND_TOO_SOON':
    case 'QUOTA_EXCEEDED':
    case 'ACCOUNT_ON_HOLD':
    case 'LINKEDIN_RATE_LIMITED':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'ACCOUNT_RESTRICTED':
    case 'LINKEDIN_FORBIDDEN':
    case 'RECIPIENT_NOT_REACHABLE':
    case 'INMAIL_UNAVAILABLE':
      return HttpStatus.FORBIDDEN;
    case 'LINKEDIN_REJECTED':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'LINKEDIN_UNAVAILABLE':
      return HttpStatus.BAD_GATEWAY;
    case 'PAYLOAD_TOO_LARGE':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'HEADERS_TOO_LARGE':
      return REQUEST_HEADER_FIELDS_TOO_LARGE;
    case 'REQUEST_TIMEOUT':
      return HttpStatus.REQUEST_TIMEOUT;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case 'SERVICE_UNAVAILABLE':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'INTERNAL':
      return HttpStatus.INTERNAL_SERVER_ERROR;
    case 'IDEMPOTENCY_IN_PROGRESS':
      return HttpStatus.CONFLICT;
    case 'INMAIL_CREDITS_EXHAUSTED':
    case 'GROUP_MESSAGE_UNSUPPORTED':
      return HttpStatus.FORBIDDEN;
    case 'SEQUENCE_NOT_PUBLISHED':
    case 'CAMPAIGN_STATE_INVALID':
      return HttpStatus.CONFLICT;
    case 'INVITATIONS_HELD':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'ALREADY_INVITED':
    case 'ALREADY_CONNECTED':
    case 'INVITATION_RESEND_TOO_SOON':
    case 'INVITATION_STATE_INVALID':
      return HttpStatus.CONFLICT;
    case 'NOT_INVITABLE':
      return HttpStatus.FORBIDDEN;
    case 'INVITATION_NOTE_UNAVAILABLE':
      return HttpStatus.UNPROCESSABLE_ENTITY;
  }
}
