// Public face of @threadline/linkedin: the Voyager client, its errors and types. Wire types live in ./wire.
export { LinkedInClient } from './client';
export { LinkedInError, LINKEDIN_ERROR_CODES, isLinkedInError } from './linkedin-error';
export type { LinkedInErrorCode, LinkedInErrorReason, LinkedInErrorOptions } from './linkedin-error';
export { parseLinkedInError, parseRetryAfter } from './parse-linkedin-error';
export type { LinkedInAnswer, HeaderInput } from './parse-linkedin-error';
export type { LinkedInSession } from './session';
export { isValidTrackingId, mintTrackingId } from './tracking-id';
export { buildCreateMessageRequest } from './message-operations';
export { buildEditMessageRequest } from './reaction-operations';
export { parseRealtimeLine } from './realtime-events';
export type { FetchImpl } from './voyager-http';
export { ProxyAgentPool, PROXY_AGENT_IDLE_MS, PROXY_CONNECT_TIMEOUT_MS } from './proxy-agents';
export type * from './types';
