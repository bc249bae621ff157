import { type BodySlot, bodySlots, type IdKind, type IdPools, setAt, slotKind } from './id-slots';
import { fillPath, type Operation, type Param, type Schema } from './openapi';
import type { WireRequest } from './raw-http';
import { multipartFile } from './workspace-fixtures';

/** One cell of the matrix: a request of workspace A that names workspace B's id in one place (or in all). */
export interface MatrixCell {
  op: string;
  /** Where B's id went: `path id`, `query accountId`, `header X-Account-Id`, `body senders.[].accountId`, or `every id slot`. */
  slot: string;
  kind: IdKind | 'all';
  /**
   * B's id sits in an optional slot while the path names A's own resource (an account selector beside A's
   * message): the route may ignore it and answer with A's data, but must not use it.
   */
  besideOwn: boolean;
  request: WireRequest;
}

/** A place an id goes, and how to put a value there. */
interface Slot {
  label: string;
  kind: IdKind;
  required: boolean;
  /** Puts a value there; undefined takes it out. */
  put: (req: Draft, value: string | undefined) => void;
}

interface Draft {
  path: Record<string, string>;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  json?: Record<string, unknown>;
}

type Fill = (kind: IdKind) => string;

/** A value the schema takes, built once: its example, its first enum value, or the simplest of its type. */
function sample(schema: Schema): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'string': return 'x';
    case 'number': case 'integer': return schema.minimum ?? 1;
    case 'boolean': return false;
    case 'array': return [sample(schema.items ?? {})];
    case 'object': return Object.fromEntries((schema.required ?? []).map((k) => [k, sample(schema.properties?.[k] ?? {})]));
    default: return 'x';
  }
}

/**
 * The body workspace A would send: a request A's fixtures made on an operation with the same body (valid as it
 * is), else the schema's required fields; either way with every id field present, holding A's own ids.
 */
function baseBody(op: Operation, slots: BodySlot[], goods: Map<string, Record<string, unknown>>, fill: Fill, member: string): Record<string, unknown> {
  const body = structuredCloneJson(goods.get(JSON.stringify(op.body?.schema)) ?? (sample(op.body?.schema ?? {}) as Record<string, unknown>));
  for (const s of slots) {
    if (s.kind === 'member' && s.path.length === 1 && op.body?.schema.required?.includes(s.path[0]!) && body[s.path[0]!] === undefined) body[s.path[0]!] = member;
    if (!s.kind || s.kind === 'member' || s.kind === 'none' || s.kind === 'idempotencyKey') continue;
    const value = s.schema.type === 'array' ? [fill(s.kind)] : fill(s.kind);
    if (s.path.length === 1) body[s.path[0]!] = value;
    else setAt(body, s.path, value);
  }
  return body;
}

const structuredCloneJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T; // structuredClone's objects are another realm's under jest

function paramSlot(p: Param, op: Operation, where: 'path' | 'query' | 'header'): Slot | 'unknown' | null {
  const kind = slotKind(p.name, op, where);
  if (kind === undefined) return 'unknown';
  if (kind === 'none' || kind === 'member' || kind === 'idempotencyKey') return null;
  return {
    label: `${where} ${p.name}`,
    kind,
    required: where === 'path',
    put: (d, v) => {
      if (where === 'path') d.path[p.name] = v!;
      else if (where === 'header') {
        if (v === undefined) delete d.headers[p.name];
        else d.headers[p.name] = v;
      }
      else d.query = [...d.query.filter(([k]) => k !== p.name), ...(v === undefined ? [] : [[p.name, v] as [string, string]])];
    },
  };
}

/**
 * The matrix for one operation: A's request with every id slot holding A's ids, then one cell per slot with
 * B's id there instead, and one with B's ids everywhere. `unknown` lists the id-like slots the generator
 * cannot fill. An operation with no id slot gets no cells (Idempotency-Keys are tested by replays).
 */
export function cellsFor(op: Operation, a: IdPools, b: IdPools, goods: Map<string, Record<string, unknown>>): { cells: MatrixCell[]; unknown: string[] } {
  const fillA: Fill = (k) => a[k][0]!;
  const unknown: string[] = [];
  const slots: Slot[] = [];
  for (const [params, where] of [[op.pathParams, 'path'], [op.strayPathParams, 'query'], [op.query, 'query'], [op.headers, 'header']] as const) {
    for (const p of params) {
      const slot = paramSlot(p, op, where);
      if (slot === 'unknown') unknown.push(`${where} ${p.name}`);
      else if (slot) slots.push(slot);
    }
  }
  const bodyFields = op.body?.contentType === 'application/json' ? bodySlots(op) : [];
  for (const s of bodyFields) {
    if (s.kind === undefined) unknown.push(`body ${s.path.join('.')}`);
    else if (s.kind !== 'none' && s.kind !== 'member' && s.kind !== 'idempotencyKey') {
      const kind = s.kind;
      const required = s.path.length > 1 || Boolean(op.body?.schema.required?.includes(s.path[0]!));
      slots.push({ label: `body ${s.path.join('.')}`, kind, required, put: (d, v) => setAt(d.json, s.path, v === undefined ? undefined : s.schema.type === 'array' ? [v] : v) });
    }
  }
  if (!slots.length) return { cells: [], unknown };

  const draft = (): Draft => {
    const d: Draft = { path: {}, query: [], headers: {}, ...(op.body?.contentType === 'application/json' ? { json: baseBody(op, bodyFields, goods, fillA, a.member[0]!) } : {}) };
    for (const s of slots) s.put(d, fillA(s.kind));
    // Path parameters that are not a workspace's ids (a LinkedIn member): A's own contact.
    for (const p of op.pathParams) d.path[p.name] ??= a.member[0]!;
    return d;
  };
  const wire = (d: Draft): WireRequest => {
    const query = d.query.length ? `?${d.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '';
    const headers: Record<string, string> = { ...d.headers };
    if (d.json) return { method: op.method, path: fillPath(op, d.path) + query, headers: { ...headers, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(d.json)) };
    if (op.body?.contentType === 'multipart/form-data') {
      const file = multipartFile({ filename: 'leads.csv', type: 'text/csv', bytes: Buffer.from(`profile\n${a.member[0]}\n`) });
      return { method: op.method, path: fillPath(op, d.path) + query, headers: { ...headers, 'content-type': file.contentType }, body: file.body };
    }
    return { method: op.method, path: fillPath(op, d.path) + query, headers };
  };
  // Other optional slots of the same kind come out: the account named by a header would win over the one in the query.
  const cells: MatrixCell[] = slots.map((s) => {
    const d = draft();
    for (const other of slots) if (other !== s && other.kind === s.kind && !other.required) other.put(d, undefined);
    s.put(d, b[s.kind][0]!);
    return { op: op.key, slot: s.label, kind: s.kind, besideOwn: !s.required && slots.some((o) => o.required && o.label.startsWith('path ')), request: wire(d) };
  });
  // A conversation or message URN names its mailbox: with no account named, the request must not act as anyone of A's.
  const selectors = slots.filter((o) => o.kind === 'account' && !o.required);
  for (const s of selectors.length ? slots.filter((x) => x.kind === 'conversation' || x.kind === 'messageUrn') : []) {
    const d = draft();
    for (const o of selectors) o.put(d, undefined);
    s.put(d, b[s.kind][0]!);
    cells.push({ op: op.key, slot: `${s.label}, no account named`, kind: s.kind, besideOwn: false, request: wire(d) });
  }
  if (slots.length > 1) {
    const d = draft();
    for (const s of slots) s.put(d, b[s.kind][0]!);
    cells.push({ op: op.key, slot: 'every id slot', kind: 'all', besideOwn: false, request: wire(d) });
  }
  return { cells, unknown };
}
