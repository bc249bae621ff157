import type { AddressInfo } from 'node:net';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createThreadlineClient } from '@threadline/client';
import pino from 'pino';
import { loadMcpConfig } from './config';
import { serveHttp } from './http';
import { createThreadlineMcpServer } from './tools';

/** `npm run mcp`: Threadline's MCP server over stdio (a key from the environment) or streamable HTTP (a key per request). */
async function main(): Promise<void> {
  const config = loadMcpConfig();
  // stdout is the MCP channel over stdio: JSON log lines go to stderr, in both modes.
  const log = pino({ level: config.LOG_LEVEL }, pino.destination(2)).child({ service: 'mcp' });
  if (config.MCP_TRANSPORT === 'http') {
    const server = await serveHttp(config, log);
    const { port } = server.address() as AddressInfo;
    log.info(`mcp listening on http://${config.MCP_HOST}:${port}/mcp (Threadline API ${config.THREADLINE_API_URL})`);
    return;
  }
  const tl = createThreadlineClient({ baseUrl: config.THREADLINE_API_URL, apiKey: config.THREADLINE_API_KEY!, accountId: config.THREADLINE_ACCOUNT_ID });
  const server = createThreadlineMcpServer(tl, {
    defaultAccountId: config.THREADLINE_ACCOUNT_ID,
    sendWaitMs: config.MCP_SEND_WAIT_SECONDS * 1000,
    onCall: (tool, outcome, code) => log.info({ transport: 'stdio', tool, outcome, code }, 'tool call'),
  });
  await server.connect(new StdioServerTransport());
  log.info(`mcp serving on stdio (Threadline API ${config.THREADLINE_API_URL})`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
