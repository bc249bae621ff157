export { createThreadlineClient, unwrap, type ThreadlineClient, type ThreadlineClientOptions } from './client';
export { ThreadlineApiError } from './errors';
export { ThreadlineSendTimeoutError, type SendMessageOptions, type SendResult, type WaitOptions } from './send-message';
export type { components, operations, paths } from './schema';
