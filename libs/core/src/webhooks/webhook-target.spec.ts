import { assertExternalWebhookUrl, isInternalAddress } from './webhook-target';

describe('webhook targets', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1'])('treats %s as internal', (ip) => {
    expect(isInternalAddress(ip)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '172.32.0.1'])('treats %s as external', (ip) => {
    expect(isInternalAddress(ip)).toBe(false);
  });

  it('refuses a URL naming an internal address, naming the url field', async () => {
    for (const url of ['http://127.0.0.1:8080/hooks', 'http://[::1]/x', 'http://169.254.169.254/latest/meta-data']) {
      await expect(assertExternalWebhookUrl(url)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'url' });
    }
  });

  it('refuses a host name when it resolves to loopback', async () => {
    await expect(assertExternalWebhookUrl('http://localhost:3000/hooks')).rejects.toMatchObject({ field: 'url' });
  });

  it('accepts a public address when given as a literal', async () => {
    await expect(assertExternalWebhookUrl('https://93.184.216.34/hooks')).resolves.toBeUndefined();
  });
});
