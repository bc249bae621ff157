import { assertExternalWebhookLiteral, assertExternalWebhookUrl } from './webhook-target';

describe('webhook targets', () => {
  it('does refuse a URL naming an internal address, naming the url field and the setting', async () => {
    for (const url of ['http://127.0.0.1:8080/hooks', 'http://[::1]/x', 'http://169.254.169.254/latest/meta-data', 'http://[::127.0.0.1]/x']) {
      await expect(assertExternalWebhookUrl(url)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'url', message: expect.stringContaining('WEBHOOK_ALLOW_PRIVATE_URLS') });
      expect(() => assertExternalWebhookLiteral(url)).toThrow(expect.objectContaining({ field: 'url' }));
    }
  });

  it('does refuse a host name when it resolves to loopback', async () => {
    await expect(assertExternalWebhookUrl('http://localhost:3000/hooks')).rejects.toMatchObject({ field: 'url' });
  });

  it('does accept a public address when given as a literal', async () => {
    await expect(assertExternalWebhookUrl('https://93.184.216.34/hooks')).resolves.toBeUndefined();
  });
});
