import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ThreadlineApiError, createThreadlineClient, unwrap } from '@threadline/client';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { McpConfig } from './config';
import { createThreadlineMcpServer } from './tools';

/** A key the API accepted is trusted this long, so a session's requests do not each cost an API call. */
const VERIFIED_TTL_MS = 60_000;

const rpcError = (res: Response, status: number, message: string, headers: Record<string, string> = {}) => {
  res.status(status).set(headers).json({ jsonrpc: '2.0', error: { code: -32001, message }, id: null });
};

/**
 * Streamable HTTP, stateless: every POST /mcp carries `Authorization: Bearer <Threadline API key>` and is
 * served by a server bound to that key's workspace (and to `X-Account-Id` when given), through the API.
 */
export async function serveHttp(config: McpConfig, log: Logger): Promise<Server> {
  // createMcpExpressApp parses JSON and, on a loopback host, refuses other Host headers (DNS rebinding).
  const app = createMcpExpressApp({ host: config.MCP_HOST });
  const verified = new Map<string, number>();

  /** The API answers for the key: an accepted key is remembered briefly (by its hash, never the key itself). */
  const verify = async (key: string): Promise<ThreadlineApiError | undefined> => {
    const id = createHash('sha256').update(key).digest('hex');
    if ((verified.get(id) ?? 0) > Date.now()) return undefined;
    try {
      await unwrap(createThreadlineClient({ baseUrl: config.THREADLINE_API_URL, apiKey: key, retries: 0 }).GET('/v1/accounts'));
      verified.set(id, Date.now() + VERIFIED_TTL_MS);
      return undefined;
    } catch (err) {
      if (err instanceof ThreadlineApiError && err.status === 401) return err;
      throw err;
    }
  };

  app.get('/health', (_req: Request, res: Response) => {
    res.json({ success: true, status: 'up' });
  });

  app.post('/mcp', async (req: Request, res: Response) => {
    const key = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const challenge = { 'WWW-Authenticate': 'Bearer realm="threadline"' };
    if (!key) return rpcError(res, 401, 'UNAUTHORIZED: send Authorization: Bearer <Threadline API key>.', challenge);
    try {
      const refused = await verify(key);
      if (refused) return rpcError(res, 401, refused.message, challenge);
    } catch (err) {
      log.warn({ err: err instanceof Error ? err.message : String(err) }, 'the Threadline API did not answer a key check');
      return rpcError(res, 503, 'SERVICE_UNAVAILABLE: the Threadline API does not answer; retry.');
    }
    const account = req.headers['x-account-id'];
    const tl = createThreadlineClient({ baseUrl: config.THREADLINE_API_URL, apiKey: key, accountId: typeof account === 'string' ? account : undefined });
    const server = createThreadlineMcpServer(tl, {
      defaultAccountId: typeof account === 'string' ? account : undefined,
      sendWaitMs: config.MCP_SEND_WAIT_SECONDS * 1000,
      onCall: (tool, outcome, code) => log.info({ transport: 'http', tool, outcome, code }, 'tool call'),
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (err) {
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'an MCP request failed');
      if (!res.headersSent) rpcError(res, 500, 'INTERNAL: the MCP server failed on this request.');
    }
  });

  // Stateless: no server-initiated stream and no session to end.
  for (const method of ['get', 'delete'] as const) {
    app[method]('/mcp', (_req: Request, res: Response) => rpcError(res, 405, 'Method not allowed: this server is stateless; POST /mcp.'));
  }

  return new Promise((resolve, reject) => {
    const server = app.listen(config.MCP_PORT, config.MCP_HOST, () => resolve(server));
    server.on('error', reject);
  });
}
