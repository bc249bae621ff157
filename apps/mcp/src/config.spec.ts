import { loadMcpConfig } from './config';

describe('loadMcpConfig', () => {
  it('defaults to stdio against the local API, and needs a key for it', () => {
    expect(loadMcpConfig({ THREADLINE_API_KEY: 'tl_secret' })).toMatchObject({ MCP_TRANSPORT: 'stdio', THREADLINE_API_URL: 'http://127.0.0.1:3000', MCP_PORT: 3200, MCP_SEND_WAIT_SECONDS: 60 });
    expect(() => loadMcpConfig({})).toThrow(/THREADLINE_API_KEY: is required with MCP_TRANSPORT=stdio/);
  });

  it('serves HTTP without a key of its own (each request brings one), on the port given', () => {
    const config = loadMcpConfig({ MCP_TRANSPORT: 'http', MCP_PORT: '0', THREADLINE_ACCOUNT_ID: '' });
    expect(config).toMatchObject({ MCP_TRANSPORT: 'http', MCP_PORT: 0 });
    expect(config.THREADLINE_ACCOUNT_ID).toBeUndefined();
  });

  it('names every bad variable and its rule, never the value', () => {
    const err = (() => {
      try {
        loadMcpConfig({ THREADLINE_API_KEY: 'tl_secret', THREADLINE_API_URL: 'not a url tl_secret', MCP_PORT: '70000', MCP_TRANSPORT: 'sse', MCP_SEND_WAIT_SECONDS: '1e3' });
      } catch (e) {
        return e as Error;
      }
      throw new Error('accepted');
    })();
    for (const name of ['THREADLINE_API_URL', 'MCP_PORT', 'MCP_TRANSPORT', 'MCP_SEND_WAIT_SECONDS']) expect(err.message).toContain(`${name}:`);
    expect(err.message).not.toMatch(/tl_secret|70000|sse|1e3/);
  });
});
