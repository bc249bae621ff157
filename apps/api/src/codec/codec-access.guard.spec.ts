import type { ExecutionContext } from '@nestjs/common';
import type { ApiConfig } from '@threadline/core';
import { CodecAccessGuard } from './codec-access.guard';

const TOKEN = 'operator-token-of-at-least-24-chars';

function attempt(config: Partial<ApiConfig>, request: { authorization?: string; remoteAddress: string }): boolean | string {
  const req = { headers: request.authorization ? { authorization: request.authorization } : {}, socket: { remoteAddress: request.remoteAddress } };
  const context = { switchToHttp: () => ({ getRequest: () => req }) } as unknown as ExecutionContext;
  try {
    return new CodecAccessGuard({ CODEC_ENDPOINT_ACCESS: 'operator', ...config } as ApiConfig).canActivate(context);
  } catch (err) {
    return (err as { code: string }).code;
  }
}

describe('CodecAccessGuard', () => {
  it('lets the operator token in from anywhere, and nothing else by default', () => {
    expect(attempt({ THREADLINE_ADMIN_TOKEN: TOKEN }, { authorization: `Bearer ${TOKEN}`, remoteAddress: '203.0.113.7' })).toBe(true);
    expect(attempt({ THREADLINE_ADMIN_TOKEN: TOKEN }, { remoteAddress: '127.0.0.1' })).toBe('UNAUTHORIZED');
    expect(attempt({ THREADLINE_ADMIN_TOKEN: TOKEN }, { authorization: 'Bearer wrong', remoteAddress: '127.0.0.1' })).toBe('UNAUTHORIZED');
  });

  it('is off without an operator token (unless local)', () => {
    expect(attempt({}, { authorization: 'Bearer anything', remoteAddress: '127.0.0.1' })).toBe('NOT_FOUND');
  });

  it('with CODEC_ENDPOINT_ACCESS=local, also lets in callers on this machine without a token (the dev Web UI), and no one else', () => {
    const local = { CODEC_ENDPOINT_ACCESS: 'local' as const, THREADLINE_ADMIN_TOKEN: TOKEN };
    for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(attempt(local, { remoteAddress })).toBe(true);
    for (const remoteAddress of ['192.168.1.20', '10.0.0.5', '::ffff:203.0.113.7']) expect(attempt(local, { remoteAddress })).toBe('UNAUTHORIZED');
    expect(attempt(local, { authorization: 'Bearer wrong', remoteAddress: '127.0.0.1' })).toBe('UNAUTHORIZED');
  });
});
