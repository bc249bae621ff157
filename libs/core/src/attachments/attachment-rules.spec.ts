import { checkUpload, isLinkedInMediaUrl, MAX_ATTACHMENT_BYTES } from './attachment-rules';
import { fingerprintHash } from '../idempotency/idempotency.service';

describe('attachment rules', () => {
  it('refuses a file over 20 MB with PAYLOAD_TOO_LARGE and an unknown type with UNSUPPORTED_MEDIA_TYPE', () => {
    expect(() => checkUpload('application/pdf', MAX_ATTACHMENT_BYTES + 1)).toThrow(expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }));
    expect(() => checkUpload('application/x-msdownload', 10)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' }));
    expect(() => checkUpload('image/png', 10)).not.toThrow();
  });

  it('fetches only LinkedIn media hosts or the account’s own LinkedIn base URL', () => {
    expect(isLinkedInMediaUrl('https://www.linkedin.com/dms/prv/v2/x', 'https://www.linkedin.com')).toBe(true);
    expect(isLinkedInMediaUrl('https://media.licdn.com/dms/image/x', 'https://www.linkedin.com')).toBe(true);
    expect(isLinkedInMediaUrl('http://169.254.169.254/latest/meta-data', 'https://www.linkedin.com')).toBe(false);
    expect(isLinkedInMediaUrl('http://127.0.0.1:4010/dms/prv/x', 'http://127.0.0.1:4010')).toBe(true);
  });
});

describe('idempotency fingerprint', () => {
  it('hashes the same request alike whatever the key order, and a different body differently', () => {
    const a = fingerprintHash({ method: 'POST', path: '/v1/x', body: { a: 1, b: [1, { c: 2, d: 3 }] } });
    const b = fingerprintHash({ method: 'POST', path: '/v1/x', body: { b: [1, { d: 3, c: 2 }], a: 1 } });
    expect(a).toBe(b);
    expect(fingerprintHash({ method: 'POST', path: '/v1/x', body: { a: 2 } })).not.toBe(a);
  });
});
