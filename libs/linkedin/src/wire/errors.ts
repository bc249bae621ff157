/** Body text of LinkedIn's 403 when `csrf-token` is missing, quoted or wrong (a client bug). */
export const CSRF_FAILED_BODY = 'CSRF check failed.';

/** `Set-Cookie: li_at=delete me` marks a killed session. */
export const LI_AT_DELETED_VALUE = 'delete me';

/** Bare body LinkedIn sends for an invalid request, and for 401. */
export interface BareStatusBody {
  status: number;
}

/** Status and code the emulator uses for "recipient is not a connection" (LinkedIn's body is uncaptured). */
export const NOT_CONNECTED_STATUS = 403;
export const NOT_CONNECTED_CODE = 'NOT_CONNECTED';

/** `{"status":403,"code":"NOT_CONNECTED","message":"…"}`. */
export interface NotConnectedBody {
  status: typeof NOT_CONNECTED_STATUS;
  code: typeof NOT_CONNECTED_CODE;
  message: string;
}

/** Status LinkedIn uses for bot/IP blocks ("Request denied"). */
export const STATUS_REQUEST_DENIED = 999;

/** Error codes seen in LinkedIn JSON error bodies (`code` or `data.code`). */
export const LINKEDIN_BODY_CODES = {
  fuseLimitExceeded: 'FUSE_LIMIT_EXCEEDED',
  cantResendYet: 'CANT_RESEND_YET',
  alreadyInvited: 'ALREADY_INVITED',
  messageValidationPluginError: 'MESSAGE_VALIDATION_PLUGIN_ERROR',
  notConnected: NOT_CONNECTED_CODE,
  inmailCannotResend: 'LK_INMAIL_CANNOT_RESEND',
  /** The whole account is restricted (LinkedIn's exact body is uncaptured; the emulator sends this code with the notice). */
  restricted: 'RESTRICTED',
} as const;

/** The restriction notice LinkedIn shows (page text or JSON message): "Your account has been restricted". */
export const RESTRICTION_NOTICE = /\b(account|profile) (has been|is|was) (temporarily |permanently )?restricted\b/i;

/** The generic JSON error body shape (REST.li `serviceErrorCode`, Sales Navigator `code`). */
export interface LinkedInErrorBody {
  status?: number;
  code?: string;
  message?: string;
  serviceErrorCode?: number;
  exceptionClass?: string;
  data?: { code?: string; status?: number; message?: string };
}
