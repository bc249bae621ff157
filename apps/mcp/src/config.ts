import { z } from 'zod';

const port = z.string().regex(/^\d{1,5}$/, 'must be a whole number').transform(Number).refine((n) => n <= 65535, 'must be at most 65535');

/** The MCP server's configuration, from the environment; the only place this process reads it. */
const McpConfigSchema = z
  .object({
    /** Where the Threadline API listens: every tool goes through its REST API (and its auth, scoping, caps). */
    THREADLINE_API_URL: z.url({ message: 'must be an http(s) URL' }).default('http://127.0.0.1:3000'),
    /** The workspace API key the stdio server acts with (HTTP callers bring their own as a Bearer token). */
    THREADLINE_API_KEY: z.string().min(1).optional(),
    /** The LinkedIn account tools act as when a call names none; else the workspace's default account. */
    THREADLINE_ACCOUNT_ID: z.string().min(1).optional(),
    MCP_TRANSPORT: z.enum(['stdio', 'http'], { message: 'must be stdio or http' }).default('stdio'),
    MCP_HOST: z.string().min(1).default('127.0.0.1'),
    MCP_PORT: port.default(3200),
    /** How long send_message waits for a send that is still pending (spacing, a hold) before it answers with its id. */
    MCP_SEND_WAIT_SECONDS: z.string().regex(/^\d{1,4}$/, 'must be a whole number of seconds').transform(Number).default(60),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be a pino level' }).default('info'),
  })
  .refine((c) => c.MCP_TRANSPORT !== 'stdio' || c.THREADLINE_API_KEY, { message: 'is required with MCP_TRANSPORT=stdio (a workspace API key)', path: ['THREADLINE_API_KEY'] });

export type McpConfig = z.infer<typeof McpConfigSchema>;

/** Validates the environment; the error names each bad variable and its rule, never its value (a key is a secret). */
export function loadMcpConfig(env: NodeJS.ProcessEnv = process.env): McpConfig {
  // An empty variable counts as unset, as in the other processes.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = McpConfigSchema.safeParse(set);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
}
