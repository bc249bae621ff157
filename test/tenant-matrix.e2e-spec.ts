import { changedTables, DbSnapshots, type Snapshot, type SnapshotScope } from './support/db-snapshot';
import { emulator } from './support/emulator-admin';
import { loadOpenApi, type Operation, operationFor, operationsOf } from './support/openapi';
import { closeRawHttp, envelopeProblem, sendRaw, type WireRequest } from './support/raw-http';
import { cellsFor, type MatrixCell } from './support/tenant-matrix';
import { seedWorkspaces, type SeededWorkspace } from './support/workspace-fixtures';

jest.setTimeout(10 * 60_000);

/**
 * Routes that take no id of a workspace, so no other workspace's id can be put in them. They are still
 * called with A's key and checked: no 5xx, none of B's data in the answer, nothing of B's changed.
 * Public routes (no security in /openapi.json: health, docs) take no workspace key and are on this list by
 * rule; so are operator routes without ids (below).
 */
const TAKES_NO_FOREIGN_ID: Record<string, string> = {
  'GET /v1/accounts': "lists the caller's own accounts",
  'GET /v1/api-keys': "lists the caller's own keys",
  'GET /v1/attachments': "lists the caller's own files",
  'GET /v1/webhooks': "lists the caller's own webhooks",
  'GET /v1/sequences': "lists the caller's own sequences (limit/offset only)",
  'GET /v1/campaigns': "lists the caller's own campaigns (limit/offset/archived only)",
  'GET /v1/lead-exclusions': "lists the caller's own exclusions (limit/offset only)",
};

/** Operator routes take THREADLINE_ADMIN_TOKEN: a workspace's key is refused (401) whatever ids they name (the Temporal codec endpoint and /metrics are ones). */
const isOperatorRoute = (op: Operation) => op.path.startsWith('/v1/admin/') || op.path.startsWith('/codec/') || op.path === '/metrics';

/** What LinkedIn (the emulator) counts as a write: none may be made with B's session, nor on A's behalf with B's ids. */
const LINKEDIN_WRITES = ['createMessage', 'salesNavCreateMessage', 'typing', 'markRead', 'salesNavMarkRead', 'markAllSeen', 'recall', 'editMessage', 'react', 'upload', 'uploadPut'];

/** Codes of a refusal that names nothing of B's: the id is not found in A's workspace, or its shape is wrong. */
const REFUSED = new Set(['404 NOT_FOUND', '404 ACCOUNT_NOT_FOUND', '400 VALIDATION_FAILED']);
const OPERATOR_ONLY = new Set(['401 UNAUTHORIZED']);

const decoded = (path: string) => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

interface Problem {
  op: string;
  slot: string;
  problem: string;
  answer: string;
}

describe('tenants: every route of /openapi.json × another workspace’s ids', () => {
  let ops: Operation[];
  let a: SeededWorkspace;
  let b: SeededWorkspace;
  let owners: { a: string; b: string };
  const snapshots = new DbSnapshots();
  let bOnly: SnapshotScope;
  let both: SnapshotScope;
  let bAtStart: Snapshot;
  const problems: Problem[] = [];
  let requests = 0;
  const byStatus = new Map<number, number>();

  beforeAll(async () => {
    ops = operationsOf(await loadOpenApi());
    ({ TenantA: a, TenantB: b } = (await seedWorkspaces(['TenantA', 'TenantB'])) as Record<string, SeededWorkspace>);
    owners = { a: a.people.owner, b: b.people.owner };
    bOnly = { workspaces: [b.workspaceId] };
    both = { workspaces: [a.workspaceId, b.workspaceId] };
    // The seeds' sends echo back through the inbox sync: start once that has landed.
    await snapshots.settled(both, 1_500);
    bAtStart = await snapshots.take(bOnly);
  });

  afterAll(async () => {
    // The seeded scenario replaced the emulator's sandbox: give the specs after this one theirs back.
    await emulator('POST', '/reset');
    await snapshots.close();
    await closeRawHttp();
  });

  async function reconnectA(): Promise<void> {
    const connect = a.writes.find((w) => w.method === 'POST' && w.path === '/v1/accounts')!;
    const res = await sendRaw({ ...connect, headers: { 'content-type': 'application/json', authorization: `Bearer ${a.key}` } });
    if (res.status >= 300) throw new Error(`reconnecting A's account answered ${res.status}: ${res.text}`);
  }

  async function linkedInWrites(): Promise<Record<string, number>> {
    const { byAccount } = await emulator<{ byAccount: Record<string, Record<string, number>> }>('GET', '/requests');
    return Object.fromEntries(Object.entries(owners).map(([who, profile]) => [who, LINKEDIN_WRITES.reduce((n, route) => n + (byAccount[profile]?.[route] ?? 0), 0)]));
  }

  /** Sends one request as A between two snapshots and records what is wrong with the answer. */
  async function probe(op: string, slot: string, request: WireRequest, rules: { refused?: Set<string>; scope: SnapshotScope }): Promise<void> {
    const before = await snapshots.take(rules.scope);
    const calls = await linkedInWrites();
    const problemsBefore = problems.length;
    const res = await sendRaw({ ...request, headers: { ...request.headers, authorization: `Bearer ${a.key}` } });
    requests += 1;
    byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
    const answer = `${res.status} ${res.json?.code ?? ''}`.trim();
    const report = (problem: string) => problems.push({ op, slot, problem, answer: `${answer}: ${res.text.slice(0, 240)}` });

    if (res.status >= 500) report('5xx');
    else if (rules.refused && !rules.refused.has(answer)) report(res.status < 300 ? 'accepted another workspace’s id' : `refused with ${answer}, not ${[...rules.refused].join(' or ')}`);
    const framing = envelopeProblem(res);
    if (framing) report(`envelope: ${framing}`);
    if (res.headers['idempotent-replayed']) report('replayed a response stored under another workspace’s Idempotency-Key');
    // An id the request named may come back in the error ("No conversation … in this workspace"): that is not B's data.
    const sent = `${decoded(request.path)} ${JSON.stringify(request.headers)} ${request.body?.toString() ?? ''}`;
    const leaked = b.markers.filter((m) => res.text.includes(m) && !sent.includes(m));
    if (leaked.length) report(`answer holds B's data: ${leaked.slice(0, 3).join(', ')}`);
    const after = await snapshots.take(rules.scope);
    if (changedTables(before, after).length) report(`stored data changed: ${await snapshots.describe(before, after, rules.scope)}`);
    const callsAfter = await linkedInWrites();
    if (callsAfter.b !== calls.b) report(`${callsAfter.b - calls.b} LinkedIn write(s) made with B's session`);
    if (rules.refused && callsAfter.a !== calls.a) report(`${callsAfter.a - calls.a} LinkedIn write(s) made with A's session for a request naming B's id`);
    if (problems.length > problemsBefore) {
      // Whatever it set off lands before the next cell, and a wrongly frozen account would turn every later cell into its 403.
      await snapshots.settled(both);
      await reconnectA();
    }
  }

  it('answers 404 to every route with B’s id in any slot, leaks nothing and changes nothing', async () => {
    const started = Date.now();
    // A's requests where nothing but an id is B's: for each operation, the body A's fixtures sent on it.
    const goods = new Map<string, Record<string, unknown>>();
    for (const w of a.writes) {
      const op = operationFor(ops, w.method, w.path);
      if (op?.body && w.headers['content-type'] === 'application/json') goods.set(JSON.stringify(op.body.schema), JSON.parse(w.body!.toString()));
    }
    const replayedRoutes = new Set(a.writes.map((w) => operationFor(ops, w.method, w.path)?.key));
    const unfillable: string[] = [];
    const cells: MatrixCell[] = [];
    const noForeignId: Operation[] = [];
    for (const op of ops) {
      const { cells: mine, unknown } = cellsFor(op, a.pools, b.pools, goods);
      if (unknown.length) unfillable.push(`${op.key}: cannot fill ${unknown.join(', ')}`);
      else if (!mine.length && (TAKES_NO_FOREIGN_ID[op.key] || op.isPublic || isOperatorRoute(op))) noForeignId.push(op);
      // A POST with no id slot still takes an Idempotency-Key: the replays below cover it when the fixtures made one.
      else if (!mine.length && !(op.method === 'POST' && replayedRoutes.has(op.key))) unfillable.push(`${op.key}: no id slot, not on the allow-list, and no replay`);
      cells.push(...mine);
    }
    expect(unfillable).toEqual([]);

    // A cursor is an opaque position, not a record: B's may be refused or read as a position in A's own list.
    if (process.env.THREADLINE_TENANT_CELLS) console.warn(cells.map((c) => `${c.op} [${c.slot}]${c.besideOwn ? ' (beside own)' : ''}`).join('\n'));
    for (const cell of cells) {
      const operator = cell.op.includes(' /v1/admin/');
      await probe(cell.op, cell.slot, cell.request, { refused: operator ? OPERATOR_ONLY : cell.kind !== 'cursor' && !cell.besideOwn ? REFUSED : undefined, scope: both });
    }

    // Routes with no foreign-id slot: A's own view, with nothing of B's in it (and operator routes refuse A's key).
    for (const op of noForeignId) {
      const request: WireRequest = op.body
        ? { method: op.method, path: op.path, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ name: 'tenant matrix' })) }
        : { method: op.method, path: op.path, headers: {} };
      await probe(op.key, 'none (takes no foreign id)', request, { refused: isOperatorRoute(op) ? OPERATOR_ONLY : undefined, scope: bOnly });
    }

    // Idempotency keys are per workspace: A's own writes under B's keys run as A's own (never a replay of B's),
    // and B's writes sent by A (but the connect: its body is B's LinkedIn session) replay nothing of B's.
    const bKeys = b.writes.map((w) => w.headers['idempotency-key']);
    for (const [i, w] of a.writes.entries()) {
      if (!w.headers['idempotency-key'] || !bKeys[i]) continue;
      await probe(`${w.method} ${w.path}`, 'A’s own write under B’s Idempotency-Key', { ...w, headers: { ...w.headers, 'idempotency-key': bKeys[i]! } }, { scope: bOnly });
    }
    for (const w of b.writes) {
      if (!w.headers['idempotency-key'] || w.path === '/v1/accounts') continue;
      await probe(`${w.method} ${w.path}`, 'B’s write, byte for byte, with A’s key', w, { scope: bOnly });
    }

    const bAtEnd = await snapshots.settled(bOnly, 1_500);
    const late = changedTables(bAtStart, bAtEnd);
    const lines = problems.map((p) => `- ${p.op} [${p.slot}]: ${p.problem}\n    ${p.answer}`);
    console.warn(`[tenants] ${cells.length} matrix cells over ${new Set(cells.map((c) => c.op)).size} operations, ${requests} requests in ${((Date.now() - started) / 1000).toFixed(1)}s; by status: ${[...byStatus].sort(([x], [y]) => x - y).map(([s, n]) => `${s}: ${n}`).join(', ')}\n${lines.join('\n') || 'no problems'}`);
    expect(lines).toEqual([]);
    expect(late).toEqual([]);
  });
});
