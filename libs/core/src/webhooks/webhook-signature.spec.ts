import { createHmac } from 'node:crypto';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

describe('webhook signature', () => {
  const body = '{"event":"message.received","object":"event","data":{"id":"1"}}';

  it('is sha256= and the hex HMAC of the raw body', () => {
    const hex = createHmac('sha256', 'whsec_test').update(body).digest('hex');
    expect(signWebhookBody('whsec_test', body)).toBe(`sha256=${hex}`);
  });

  it('verifies when the body and secret match', () => {
    expect(verifyWebhookSignature('whsec_test', body, signWebhookBody('whsec_test', body))).toBe(true);
  });

  it('fails when the body changed by one byte or the secret differs', () => {
    const header = signWebhookBody('whsec_test', body);
    expect(verifyWebhookSignature('whsec_test', body.replace('1', '2'), header)).toBe(false);
    expect(verifyWebhookSignature('other', body, header)).toBe(false);
    expect(verifyWebhookSignature('whsec_test', body, undefined)).toBe(false);
  });
});
