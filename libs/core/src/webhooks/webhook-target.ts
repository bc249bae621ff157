import { Agent } from 'undici';
import { assertPublicLiteral, assertPublicUrl, publicOnlyLookup } from '../net/public-address';

const HINT = 'webhooks go to public addresses (set WEBHOOK_ALLOW_PRIVATE_URLS=true for a receiver on your own network).';

/** When the endpoint is created: refuses a URL whose host is, or resolves to, a non-public address (400 naming `url`). */
export function assertExternalWebhookUrl(url: string): Promise<void> {
  return assertPublicUrl(url, 'url', HINT);
}

/** Before each delivery: a literal host is checked here; a name is checked by the dispatcher at connect time. */
export function assertExternalWebhookLiteral(url: string): void {
  assertPublicLiteral(url, 'url', HINT);
}

/**
 * The one dispatcher deliveries go through. With the guard on, it connects only to public addresses of the
 * receiver's name, so a name that resolves elsewhere after the check (DNS rebinding) is still refused.
 */
export function webhookDispatcher(allowPrivate: boolean): Agent {
  return new Agent(allowPrivate ? {} : { connect: { lookup: publicOnlyLookup } });
}
