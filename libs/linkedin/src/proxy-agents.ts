import { createHash } from 'node:crypto';
import type { LookupFunction } from 'node:net';
import { Pool, ProxyAgent, type Dispatcher } from 'undici';

/** Bound of each step through a proxy: TCP (and TLS) to the proxy, its answer to CONNECT, TLS to LinkedIn inside the tunnel. */
export const PROXY_CONNECT_TIMEOUT_MS = 10_000;
/** How long a shared agent nobody uses stays open before it is closed. */
export const PROXY_AGENT_IDLE_MS = 5 * 60_000;
// Idle tunnels stay open between an account's activities (seconds to minutes apart), not undici's default 4 s.
const KEEP_ALIVE_MS = 60_000;

export interface ProxyAgentOptions {
  /** Resolves the proxy's host name when connecting; the deployment's address policy filters there. */
  lookup?: LookupFunction;
  /** Bound of each step of reaching LinkedIn through the proxy; default PROXY_CONNECT_TIMEOUT_MS. */
  connectTimeoutMs?: number;
}

/** A proxy agent held by one client until it releases it. */
export interface ProxyLease {
  readonly agent: Dispatcher;
  /** The connect bound of the agent, for error messages. */
  readonly boundMs: number;
  release(): Promise<void>;
}

/** An agent that tunnels to LinkedIn through the proxy, every step of reaching it bounded. */
export function createProxyAgent(proxyUrl: string, options: ProxyAgentOptions = {}): ProxyAgent {
  const boundMs = options.connectTimeoutMs ?? PROXY_CONNECT_TIMEOUT_MS;
  return new ProxyAgent({
    uri: proxyUrl,
    keepAliveTimeout: KEEP_ALIVE_MS,
    proxyTls: { timeout: boundMs, ...(options.lookup ? { lookup: options.lookup } : {}) },
    requestTls: { timeout: boundMs },
    // The client that sends CONNECT: a proxy that accepts and never answers must not hold the request.
    clientFactory: (origin: URL, opts: object) => new Pool(origin, { ...opts, headersTimeout: boundMs }),
  });
}

/** A lease on an agent of its own, closed when released (a client with no pool, e.g. a one-off session check). */
export function ownProxyAgent(proxyUrl: string, options: ProxyAgentOptions = {}): ProxyLease {
  const agent = createProxyAgent(proxyUrl, options);
  return { agent, boundMs: options.connectTimeoutMs ?? PROXY_CONNECT_TIMEOUT_MS, release: () => agent.close() };
}

interface Entry {
  accountId: string;
  agent: ProxyAgent;
  leases: number;
  idleSince: number;
  /** The account's proxy URL changed: closed as soon as no client holds it. */
  retired: boolean;
}

/**
 * One agent per account and proxy URL, shared by every client of that account, so its tunnels are
 * reused across activities instead of a new pool per call. Never shared between accounts (LinkedIn
 * must not see two members on one connection). A changed proxy URL gets a new agent; agents no client
 * holds are closed after `idleMs`.
 */
export class ProxyAgentPool {
  private readonly entries = new Map<string, Entry>();
  /** The key of each account's current proxy URL. */
  private readonly current = new Map<string, string>();
  private readonly idleMs: number;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: ProxyAgentOptions & { idleMs?: number; now?: () => number } = {}) {
    this.idleMs = options.idleMs ?? PROXY_AGENT_IDLE_MS;
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => void this.sweep(), Math.max(1_000, this.idleMs / 2)).unref();
  }

  /** Open agents (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  /** The account's agent for this proxy URL, created on first use; the caller releases it when done. */
  lease(accountId: string, proxyUrl: string): ProxyLease {
    // Keyed by a hash: the credentials in the URL are never kept as a key.
    const key = `${accountId}:${createHash('sha256').update(new URL(proxyUrl).href).digest('hex')}`;
    const previous = this.current.get(accountId);
    if (previous !== undefined && previous !== key) this.retire(previous);
    this.current.set(accountId, key);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { accountId, agent: createProxyAgent(proxyUrl, this.options), leases: 0, idleSince: this.now(), retired: false };
      this.entries.set(key, entry);
    }
    entry.retired = false;
    entry.leases += 1;
    const held = entry;
    let released = false;
    return {
      agent: held.agent,
      boundMs: this.options.connectTimeoutMs ?? PROXY_CONNECT_TIMEOUT_MS,
      release: async () => {
        if (released) return;
        released = true;
        held.leases -= 1;
        held.idleSince = this.now();
        if (held.retired && held.leases === 0) await this.drop(key, held);
      },
    };
  }

  /** Closes the agents no client holds that have been idle for `idleMs`; answers how many. */
  async sweep(): Promise<number> {
    const cutoff = this.now() - this.idleMs;
    const idle = [...this.entries].filter(([, e]) => e.leases === 0 && e.idleSince <= cutoff);
    await Promise.all(idle.map(([key, e]) => this.drop(key, e)));
    return idle.length;
  }

  /** Closes every agent (process shutdown). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.entries].map(([key, e]) => this.drop(key, e)));
  }

  private retire(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.retired = true;
    if (entry.leases === 0) void this.drop(key, entry);
  }

  private async drop(key: string, entry: Entry): Promise<void> {
    if (this.entries.get(key) !== entry) return;
    this.entries.delete(key);
    if (this.current.get(entry.accountId) === key) this.current.delete(entry.accountId);
    await entry.agent.close().catch(() => undefined);
  }
}
