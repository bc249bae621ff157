import fc from 'fast-check';
import { type BodySlot, bodySlots, type IdPools, setAt, slotKind, valuesAt } from './id-slots';
import { type Operation, operationFor, type Param, type Schema } from './openapi';
import type { WireRequest } from './raw-http';
import { multipartFile } from './workspace-fixtures';

/** A long string, printed as `big(n)` in counterexamples instead of n characters. */
class Big {
  constructor(readonly size: number) {}
  toJSON(): string {
    return this.toString();
  }
  toString(): string {
    return 'x'.repeat(this.size);
  }
  [fc.toStringMethod](): string {
    return `big(${this.size})`;
  }
}

/** An array nested `depth` deep (`[[]]` to 100,000 levels); JSON.stringify cannot write the deep ones, so it leaves a marker that `toWire` expands. */
class Deep {
  constructor(readonly depth: number) {}
  toJSON(): string {
    return `@@deep:${this.depth}@@`;
  }
  [fc.toStringMethod](): string {
    return `deep(${this.depth})`;
  }
}

/** A number exactly as written in the JSON text (JavaScript would round 99999999999999999999, and has no 1e400). */
class RawNumber {
  constructor(readonly text: string) {}
  toJSON(): string {
    return `@@raw:${this.text}@@`;
  }
  [fc.toStringMethod](): string {
    return this.text;
  }
}

/** `times` copies of one item (3,000 leads, 10,000 exclusions), printed as `many(n, item)`. */
class Many {
  constructor(readonly times: number, readonly item: unknown) {}
  toJSON(): unknown[] {
    return Array.from({ length: this.times }, () => this.item);
  }
  [fc.toStringMethod](): string {
    return `many(${this.times}, ${fc.stringify(this.item)})`;
  }
}

/** LinkedIn ids no recipient, lead or exclusion field may take: LinkedIn must never see them (issue 14 §10). */
export const BAD_URNS = [
  'urn:li:person:ACoAA...', 'ACoAA...', 'urn:li:fsd_profile:ACoAA\nINJECTED', 'urn:li:fsd_profile:', 'urn:li:fsd_profile:ACoAA\u0000x',
  'urn:li:fsd_profile:ACoAA U8JZpDE0iGXlD6gNCFbaEPFjbD0kH8Oool', 'javascript:alert(1)', 'https://evil.example/in/someone', '😀', ' ', '{{firstName}}',
];

const NASTY_STRINGS = [
  ...BAD_URNS, '', '\u0000', 'a\u0000b', '\r\n', '\ud800', '\ufeff', '%00', '../../etc/passwd', "' OR 1=1 --", '{{constructor}}', '__proto__',
  'null', 'true', '-1', '1e308', '99999999999999999999', 'NaN', 'socks5://127.0.0.1:1080', 'http://169.254.169.254/latest/meta-data', 'http://[::127.0.0.1]/',
  'urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA\u0000,2-x)', 'Europe/Nowhere', '25:99', '2026-13-45T99:99:99Z',
];

const nastyString: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ maxLength: 8 }).map((s) => `${s}\u0000${s}`),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => new Big(n)),
);

/** Nasty text for paths, queries and headers: no huge values (an over-long query is generated on its own, rarely). */
const nastyText: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS, 1e308, -1, 0.5),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ maxLength: 8 }).map((s) => `${s}\u0000${s}`),
);

const nastyNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -1, 0, 0.5, -0, 1e-308),
  fc.constantFrom('99999999999999999999', '-99999999999999999999', '1e400', '1.0000000000000000000001').map((t) => new RawNumber(t)),
  fc.double(),
);

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyNumber,
  fc.constantFrom(null, true, false, [], {}, JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { polluted: true } } }),
  fc.constantFrom(2, 30, 100, 5_000, 100_000).map((d) => new Deep(d)),
  fc.array(nastyString, { maxLength: 3 }),
);

/** How a generated request authenticates. */
export type FuzzAuth = 'key' | 'none' | 'wrong-key' | 'operator-token' | 'key-in-query';

export type FuzzBody =
  | { json: unknown; invalidUtf8?: boolean }
  | { text: string }
  | { nested: number }
  | { file: { field: string; filename: string; type: string; bytes: number[] } };

/** A generated request: small and printable; `toWire` expands it to bytes. */
export interface FuzzRequest {
  op: string;
  method: string;
  /** Percent-encoded path and query. */
  path: string;
  auth: FuzzAuth;
  headers: Record<string, string>;
  body?: FuzzBody;
  /** For a valid request with one thing wrong: the body field that was changed. */
  changed?: string;
}

/** What the generators draw valid values from: the fuzz workspace's ids. */
export interface FuzzContext {
  pools: IdPools;
}

type Where = 'path' | 'query' | 'header' | 'body';

const HEADER_SAFE = (s: string) => s.replace(/[^\t\x20-\x7e]/g, '?');

/** Percent-encodes a value as one URL component (lone surrogates become U+FFFD, as any client would send). */
function encodeSegment(value: unknown): string {
  return encodeURIComponent(Buffer.from(String(value)).toString());
}

/** Thousands of copies of one plain item: a valid import of 3,000 leads must fit the body limit (issue 14 §3). */
const manyArb = (item: fc.Arbitrary<unknown>) => fc.tuple(fc.integer({ min: 1_000, max: 12_000 }), item).map(([n, v]) => new Many(n, v));

/** `arb` once in `n` draws, else null. */
const oneIn = <T>(n: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof({ weight: n - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

function poolArb(pool: string[]): fc.Arbitrary<string> {
  return pool.length ? fc.oneof(fc.constantFrom(...pool), fc.uuid()) : fc.uuid();
}

/** A value the schema allows, or close to it: the fuzz workspace's ids, enums, examples, small numbers and strings. */
function validArb(name: string, schema: Schema, op: Operation, ctx: FuzzContext, where: Where, nasty = true): fc.Arbitrary<unknown> {
  const kind = slotKind(name, op, where);
  if (kind && kind !== 'none') {
    // The fixtures stay as they are for the whole run (so the known-good requests stay valid): writes never name them in the path.
    const spared = where === 'path' && op.method !== 'GET';
    const one = poolArb(spared ? [] : ctx.pools[kind]);
    if (schema.type !== 'array') return one;
    return nasty ? fc.oneof(fc.array(one, { minLength: 1, maxLength: 2 }), manyArb(one)) : fc.array(one, { minLength: 1, maxLength: 2 });
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const example = schema.example !== undefined ? [fc.constant(schema.example)] : [];
  switch (schema.type) {
    case 'string':
      return schema.format === 'date-time' ? fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) : fc.oneof(...example, fc.string({ maxLength: 40 }));
    case 'number':
    case 'integer':
      return fc.oneof(...example, fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 100 }));
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = fc.array(valueArb('', schema.items ?? {}, op, ctx, 'body', nasty), { maxLength: 3 });
      if (!nasty) return fc.oneof(...example, items);
      return fc.oneof(...example, items, manyArb(validArb('', schema.items ?? {}, op, ctx, 'body', false)));
    }
    case 'object':
      if (schema.properties) return objectArb(schema, op, ctx, nasty);
      return fc.oneof(...example, fc.dictionary(fc.string({ maxLength: 12 }), nasty ? fc.oneof(fc.string(), nastyValue) : fc.string(), { maxKeys: 4 }));
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A wrong value for a slot: malformed LinkedIn ids above all where a LinkedIn id goes (inside the list, for a list). */
function wrongArb(name: string, schema: Schema, op: Operation, where: Where): fc.Arbitrary<unknown> {
  const wrong = where === 'body' ? nastyValue : nastyText;
  if (slotKind(name, op, where) !== 'member') return wrong;
  const badUrn = fc.constantFrom(...BAD_URNS);
  return fc.oneof({ weight: 2, arbitrary: schema.type === 'array' ? badUrn.map((u) => [u]) : badUrn }, { weight: 1, arbitrary: wrong });
}

/** Mostly a plausible value, sometimes a wrong one (never when `nasty` is false). */
function valueArb(name: string, schema: Schema, op: Operation, ctx: FuzzContext, where: Where = 'body', nasty = true): fc.Arbitrary<unknown> {
  const valid = validArb(name, schema, op, ctx, where, nasty);
  return nasty ? fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: wrongArb(name, schema, op, where) }) : valid;
}

/** An object of the schema; when nasty, with fields left out (required ones too), wrong, nasty, or extra. */
function objectArb(schema: Schema, op: Operation, ctx: FuzzContext, nasty: boolean): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, valueArb(k, s, op, ctx, 'body', nasty)]));
  const complete = fc.record(fields, { requiredKeys: schema.required ?? [] });
  if (!nasty) return complete;
  const extra = fc.dictionary(fc.constantFrom('extra', 'workspaceId', 'id', 'isAdmin', '__proto__', 'constructor'), nastyValue, { maxKeys: 2 });
  return fc
    .tuple(fc.oneof({ weight: 4, arbitrary: complete }, { weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) }), oneIn(5, extra))
    .map(([o, more]) => (more ? Object.assign(o, more) : o));
}

function paramArb(p: Param, op: Operation, ctx: FuzzContext): fc.Arbitrary<unknown> {
  return valueArb(p.name, p.schema, op, ctx, p.in);
}

const RAW_PATH_ESCAPES = ['%C3%28', '%FF%FE', '%00', '%', '%zz', '..', '%2e%2e%2f', '%0A', 'x'.repeat(20_000)];

function pathArb(op: Operation, ctx: FuzzContext): fc.Arbitrary<string> {
  if (!op.pathParams.length) return fc.constant(op.path);
  const values = Object.fromEntries(op.pathParams.map((p) => [p.name, fc.oneof({ weight: 4, arbitrary: paramArb(p, op, ctx).map(encodeSegment) }, { weight: 1, arbitrary: fc.constantFrom(...RAW_PATH_ESCAPES) })]));
  // fillPath encodes; these are encoded already (some deliberately malformed), so substitute by hand.
  return fc.record(values).map((v) => op.path.replace(/\{([^}]+)\}/g, (_, name: string) => v[name]!));
}

function queryArb(op: Operation, ctx: FuzzContext): fc.Arbitrary<string> {
  const declared = [...op.query, ...op.strayPathParams].map((p) => fc.option(fc.tuple(fc.constant(p.name), paramArb(p, op, ctx)), { freq: 2 }));
  const extra = fc.tuple(fc.constantFrom('apiKey', 'api_key', 'access_token', 'key', 'unknown', '__proto__', 'count[$gt]', 'accountId[]'), nastyText);
  const long = fc.integer({ min: 10_000, max: 40_000 }).map((n) => ['pad', new Big(n)] as [string, unknown]);
  return fc
    .tuple(fc.tuple(...declared), fc.array(extra, { maxLength: 2 }), oneIn(20, long))
    .map(([d, e, l]) => [...d.filter((x): x is [string, unknown] => x !== null), ...e, ...(l ? [l] : [])])
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`).join('&')}` : ''));
}

function headersArb(op: Operation, ctx: FuzzContext): fc.Arbitrary<Record<string, string>> {
  const declared = op.headers.map((p) => fc.option(fc.tuple(fc.constant(p.name), fc.oneof(paramArb(p, op, ctx), fc.string({ maxLength: 400 })).map((v) => HEADER_SAFE(String(v)))), { freq: 2 }));
  return fc.tuple(...declared).map((pairs) => Object.fromEntries(pairs.filter((x): x is [string, string] => x !== null)));
}

const JSON_TYPES = ['application/json; charset=latin1', 'application/json; charset=utf-16', 'application/json; charset=bogus', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/xml', 'application/json;;', ''];
const BROKEN_ENCODINGS = ['gzip', 'deflate', 'br', 'x-unknown', 'gzip, deflate'];
const BROKEN_JSON = ['{', '{"a":', 'nul', '{"a":1}{"b":2}', '"just a string"', 'NaN', '\ufeff{}', '{"a":1,"a":2}', '[]'];

/** Files: executables declared as images, UTF-8 names, NUL in names, empty, plain text. */
const fileArb = fc.record({
  field: fc.constantFrom('file', 'file', 'file', 'upload', ''),
  filename: fc.constantFrom('notes.txt', 'résumé.txt', 'a\u0000b.png', '../../etc/passwd', 'x'.repeat(300), '', 'leads.csv', '😀.pdf'),
  type: fc.constantFrom('text/plain', 'image/png', 'application/pdf', 'text/csv', 'application/x-msdownload', '', 'bogus'),
  bytes: fc.oneof(
    fc.constantFrom([0x4d, 0x5a, 0x90, 0x00, 0x03], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [], [...Buffer.from('profile\nurn:li:person:ACoAA...\njavascript:alert(1)\n')], [...Buffer.from('profile,firstName\nhttps://www.linkedin.com/in/sarah-chen,Sarah\n')]),
    fc.uint8Array({ maxLength: 64 }).map((a) => [...a]),
  ),
});

function bodyArb(op: Operation, ctx: FuzzContext): fc.Arbitrary<{ body?: FuzzBody; contentType?: string }> {
  const junk = fc.oneof(
    nastyValue.map((json) => ({ json })),
    fc.constantFrom(...BROKEN_JSON).map((text) => ({ text })),
    fc.constantFrom(100, 5_000, 100_000).map((nested) => ({ nested })),
  );
  const jsonType = fc.oneof({ weight: 10, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom(...JSON_TYPES) });
  if (op.body?.contentType === 'multipart/form-data') {
    return fc.oneof(
      { weight: 6, arbitrary: fileArb.map((file) => ({ body: { file } as FuzzBody })) },
      { weight: 1, arbitrary: fc.record({ body: junk, contentType: jsonType }) },
      { weight: 1, arbitrary: fc.constant({}) },
    );
  }
  if (op.body) {
    const shaped = fc.tuple(objectArb(op.body.schema, op, ctx, true), oneIn(6, fc.constant(true))).map(([json, bad]) => ({ json, ...(bad ? { invalidUtf8: true } : {}) }) as FuzzBody);
    return fc.record({ body: fc.oneof({ weight: 8, arbitrary: shaped }, { weight: 3, arbitrary: junk }), contentType: jsonType });
  }
  return fc.oneof({ weight: 6, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.record({ body: junk, contentType: jsonType }) });
}

const AUTH: fc.Arbitrary<FuzzAuth> = fc.oneof(
  { weight: 20, arbitrary: fc.constant('key' as const) },
  { weight: 1, arbitrary: fc.constantFrom<FuzzAuth>('none', 'wrong-key', 'operator-token', 'key-in-query') },
);

/** Requests for one operation: its parameters and body from its schemas, each part plausible or nasty. */
export function requestArb(op: Operation, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      auth: AUTH,
      path: pathArb(op, ctx),
      query: queryArb(op, ctx),
      headers: headersArb(op, ctx),
      payload: bodyArb(op, ctx),
      encoding: oneIn(15, fc.constantFrom(...BROKEN_ENCODINGS)),
    })
    .map(({ auth, path, query, headers, payload, encoding }) => {
      const h: Record<string, string> = { ...headers };
      if (payload.contentType !== undefined && payload.contentType !== '') h['content-type'] = payload.contentType;
      if (encoding && payload.body) h['content-encoding'] = encoding;
      return { op: op.key, method: op.method, path: `${path}${query}`, auth, headers: h, ...(payload.body ? { body: payload.body } : {}) };
    });
}

/** A request the fixtures made and the API accepted: valid, so one change to it probes one rule deep inside. */
export interface KnownGood {
  op: Operation;
  path: string;
  json: Record<string, unknown>;
}

/**
 * Known-good requests for every operation that takes the same body as one the fixtures made (the send
 * aliases share one), so each can be mutated; operations must agree on their path parameters.
 */
export function knownGoods(ops: Operation[], made: WireRequest[]): KnownGood[] {
  const out: KnownGood[] = [];
  for (const req of made) {
    if (!req.headers['content-type']?.startsWith('application/json') || !req.body) continue;
    const json = JSON.parse(req.body.toString()) as Record<string, unknown>;
    const op = operationFor(ops, req.method, req.path);
    if (!op?.body || !bodySlots(op).some((s) => valuesAt(json, s.path).length)) continue;
    const same = ops.filter((o) => o.method === op.method && o.pathParams.length === 0 && op.pathParams.length === 0 && JSON.stringify(o.body) === JSON.stringify(op.body));
    for (const o of same.length ? same : [op]) out.push({ op: o, path: o === op ? req.path : o.path, json });
  }
  return out;
}

/** The known-good request with exactly one thing wrong: a field set to a wrong value, a field left out, or one field too many. */
export function mutationArb(good: KnownGood): fc.Arbitrary<FuzzRequest> {
  // Fields it has, and top-level fields it could have (a proxyUrl on a connect, a recipientId on a send).
  const present = bodySlots(good.op).filter((s) => s.path.length === 1 || valuesAt(good.json, s.path).length > 0);
  const change = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...present).chain((s) => wrongArb(s.path[s.path.length - 1]!, s.schema, good.op, 'body').map((to) => ({ at: s.path, to }))) },
    { weight: 1, arbitrary: fc.constantFrom(...present).map((s) => ({ at: s.path, to: undefined as unknown })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('extra', 'workspaceId', 'id', '__proto__'), nastyValue).map(([k, to]) => ({ at: [k], to, add: true })) },
  );
  return fc.tuple(change, fc.uuid()).map(([c, key]) => {
    const json = JSON.parse(JSON.stringify(good.json)) as Record<string, unknown>; // structuredClone's objects are another realm's under jest
    if ('add' in c) Object.defineProperty(json, c.at[0]!, { value: c.to, enumerable: true, writable: true, configurable: true });
    else setAt(json, c.at, c.to);
    return { op: good.op.key, method: good.op.method, path: good.path, auth: 'key' as const, headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: { json }, changed: c.at.join('.') };
  });
}

/** Where the request's key goes, and the bytes of its body. */
export function toWire(req: FuzzRequest, secrets: { key: string; operatorToken: string }): WireRequest {
  const headers = { ...req.headers };
  let path = req.path;
  if (req.auth === 'key') headers.authorization = `Bearer ${secrets.key}`;
  if (req.auth === 'wrong-key') headers.authorization = 'Bearer tl_wrong_0000000000000000000000000000';
  if (req.auth === 'operator-token') headers.authorization = `Bearer ${secrets.operatorToken}`;
  if (req.auth === 'key-in-query') path += `${path.includes('?') ? '&' : '?'}apiKey=${secrets.key}`;
  const body = req.body;
  if (!body) return { method: req.method, path, headers };
  if ('file' in body) {
    const part = multipartFile({ ...body.file, bytes: Buffer.from(body.file.bytes) });
    return { method: req.method, path, headers: { 'content-type': part.contentType, ...headers }, body: part.body };
  }
  if ('text' in body) return { method: req.method, path, headers, body: Buffer.from(body.text) };
  if ('nested' in body) return { method: req.method, path, headers, body: Buffer.from(`${'['.repeat(body.nested)}${']'.repeat(body.nested)}`) };
  const text = (JSON.stringify(body.json) ?? 'null')
    .replace(/"@@deep:(\d+)@@"/g, (_, d: string) => `${'['.repeat(Number(d))}${']'.repeat(Number(d))}`)
    .replace(/"@@raw:([^"@]+)@@"/g, '$1');
  if (!body.invalidUtf8) return { method: req.method, path, headers, body: Buffer.from(text) };
  // Bytes that are not UTF-8, inside the first string of the document (or after it when there is none).
  const at = text.indexOf('"') + 1;
  return { method: req.method, path, headers, body: Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(text.slice(at))]) };
}

function decodesCleanly(path: string): boolean {
  try {
    path.split('?')[0]!.split('/').forEach((segment) => decodeURIComponent(segment));
    return true;
  } catch {
    return false;
  }
}

/**
 * The first unusual thing about a request on the wire, in the order the API meets them (HTTP parser,
 * router, body parser, key guard, validation, database): how findings are grouped and mapped to causes.
 */
export function traitOf(req: FuzzRequest, wire: WireRequest): string {
  const body = wire.body?.toString('latin1') ?? '';
  const type = wire.headers['content-type'];
  const json = req.body && 'json' in req.body ? req.body : undefined;
  const traits: Array<[string, unknown]> = [
    ['URL > 8 KB', wire.path.length > 8_000],
    ['malformed percent-encoding in the path', !decodesCleanly(wire.path)],
    [`content-encoding ${wire.headers['content-encoding']}`, wire.headers['content-encoding']],
    [`content-type "${type}"`, type !== undefined && !/^application\/json(; charset=utf-8)?$/i.test(type) && !type.startsWith('multipart/form-data; boundary')],
    ['body > 100 KB', body.length > 100_000],
    ['malformed JSON', req.body && 'text' in req.body],
    ['JSON body neither object nor array', json && !/^\s*[[{]/.test(body)],
    [`auth ${req.auth}`, req.auth !== 'key'],
    ['JSON nested ≥ 1000 deep', /\[{1000}/.test(body)],
    ['JSON nested 50–999 deep', /\[{50}/.test(body)],
    ['invalid UTF-8', json?.invalidUtf8],
    ['number beyond double precision', /(^|[^\d.])(9{20}|1e400|1\.0{20,}1)/.test(body)],
    ['number near 1e308', /e\+30[0-8]/.test(body)],
    ['NUL', body.includes('\\u0000') || body.includes('\u0000') || /%00/i.test(wire.path)],
  ];
  return traits.find(([, on]) => on)?.[0] ?? 'nothing unusual in its framing';
}

/** The recipient, lead or exclusion field of the body that holds a malformed LinkedIn id, if any. */
export function badUrnField(op: Operation, req: FuzzRequest, slots: BodySlot[] = bodySlots(op)): string | undefined {
  if (!req.body || !('json' in req.body)) return undefined;
  const body = req.body.json;
  return slots.filter((s) => s.kind === 'member').find((s) => valuesAt(body, s.path).flat().some((v) => typeof v === 'string' && BAD_URNS.includes(v)))?.path.join('.');
}
