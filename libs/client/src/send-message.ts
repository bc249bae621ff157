import type { Client } from 'openapi-fetch';
import { ThreadlineApiError } from './errors';
import type { components, paths } from './schema';

type MessageStatus = components['schemas']['MessageStatusResponse'];
type SendAnswer = components['schemas']['SendMessageResponse'];

export interface WaitOptions {
  /** Time between two status reads. Default 2,000 ms. */
  pollIntervalMs?: number;
  /** Give up (a ThreadlineSendTimeoutError, the send goes on) after this long. Default 15 minutes: a send may wait for its account's spacing. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with each pending status read. */
  onPending?: (status: MessageStatus) => void;
}

export interface SendMessageOptions extends WaitOptions {
  /** Your key for this send: the same key never sends twice and returns the first result. Default a fresh UUID. */
  idempotencyKey?: string;
  /** The account to send from (X-Account-Id), when not the client's or the body's. */
  accountId?: string;
}

export interface SendResult {
  /** The POST's answer: 200 with the LinkedIn URNs, or 202 pending with a statusUrl. */
  accepted: SendAnswer;
  /** True when the API answered 202 and the status was polled. */
  polled: boolean;
  /** The message's final state: `sent`, or `failed` with `error.code` and `error.message`. */
  message: MessageStatus;
}

/** The send is still pending after `timeoutMs`; it goes on, and `messageId` can be polled later. */
export class ThreadlineSendTimeoutError extends Error {
  constructor(readonly messageId: string, readonly lastStatus: MessageStatus) {
    super(`message ${messageId} is still ${lastStatus.status}; poll GET /v1/messages/${messageId} later`);
    this.name = 'ThreadlineSendTimeoutError';
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
  });

async function readStatus(api: Client<paths>, messageId: string, signal?: AbortSignal): Promise<MessageStatus> {
  const { data, error, response } = await api.GET('/v1/messages/{id}', { params: { path: { id: messageId } }, signal });
  if (!data) throw new ThreadlineApiError(response, error);
  return data;
}

export async function waitForMessage(api: Client<paths>, messageId: string, options: WaitOptions = {}): Promise<MessageStatus> {
  const deadline = Date.now() + (options.timeoutMs ?? 15 * 60_000);
  for (;;) {
    const status = await readStatus(api, messageId, options.signal);
    if (status.status !== 'pending') return status;
    options.onPending?.(status);
    if (Date.now() >= deadline) throw new ThreadlineSendTimeoutError(messageId, status);
    await sleep(Math.min(options.pollIntervalMs ?? 2_000, Math.max(0, deadline - Date.now())), options.signal);
  }
}

export async function sendMessage(api: Client<paths>, body: components['schemas']['SendMessageDto'], options: SendMessageOptions = {}): Promise<SendResult> {
  const header: Record<string, string> = { 'Idempotency-Key': options.idempotencyKey ?? crypto.randomUUID() };
  if (options.accountId) header['X-Account-Id'] = options.accountId;
  const { data, error, response } = await api.POST('/v1/messages', { params: { header }, body, signal: options.signal });
  if (!data) throw new ThreadlineApiError(response, error);
  const polled = response.status === 202;
  const message = polled ? await waitForMessage(api, data.messageId, options) : await readStatus(api, data.messageId, options.signal);
  return { accepted: data, polled, message };
}
