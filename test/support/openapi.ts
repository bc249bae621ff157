import { stackInfo } from './stack-info';

/** The subset of JSON Schema that @nestjs/swagger emits, with every `$ref` and single `allOf` resolved. */
export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

/** One operation of the API as `/openapi.json` describes it. */
export interface Operation {
  /** `METHOD /path/{template}`: stable, readable, and what the reports print. */
  key: string;
  method: string;
  path: string;
  /** Parameters of the path template. */
  pathParams: Param[];
  /** Declared `in: path` but absent from the template (an OpenAPI defect; the suites send them as query). */
  strayPathParams: Param[];
  query: Param[];
  headers: Param[];
  body?: { contentType: string; schema: Schema };
  /** No security requirement: health and docs. */
  isPublic: boolean;
}

type Doc = { paths: Record<string, Record<string, RawOperation>>; components?: { schemas?: Record<string, RawSchema> } };
type RawSchema = Schema & { $ref?: string; allOf?: RawSchema[]; items?: RawSchema; properties?: Record<string, RawSchema> };
type RawOperation = {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: RawSchema }>;
  requestBody?: { content: Record<string, { schema?: RawSchema }> };
  security?: unknown[];
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The API's own OpenAPI document, as the running stack serves it. */
export async function loadOpenApi(): Promise<Doc> {
  const res = await fetch(`${stackInfo().apiUrl}/openapi.json`);
  if (!res.ok) throw new Error(`/openapi.json answered ${res.status}`);
  return (await res.json()) as Doc;
}

function resolve(doc: Doc, schema: RawSchema | undefined, seen: string[] = []): Schema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) return { type: 'object' }; // a recursive schema: stop at the second visit
    return resolve(doc, doc.components?.schemas?.[name], [...seen, name]);
  }
  if (schema.allOf?.length === 1) return { ...resolve(doc, schema.allOf[0], seen), ...(schema.nullable ? { nullable: true } : {}) };
  const { allOf: _allOf, $ref: _ref, items, properties, ...rest } = schema;
  return {
    ...rest,
    ...(items ? { items: resolve(doc, items, seen) } : {}),
    ...(properties ? { properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, resolve(doc, v, seen)])) } : {}),
  };
}

/** Every operation of the document, parameters grouped by where they go. */
export function operationsOf(doc: Doc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const params: Param[] = (raw.parameters ?? []).map((p) => ({ name: p.name, in: p.in as Param['in'], required: Boolean(p.required), schema: resolve(doc, p.schema) }));
      const inTemplate = new Set([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
      const [contentType, media] = Object.entries(raw.requestBody?.content ?? {})[0] ?? [];
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path' && inTemplate.has(p.name)),
        strayPathParams: params.filter((p) => p.in === 'path' && !inTemplate.has(p.name)),
        query: params.filter((p) => p.in === 'query'),
        // Header names are case-insensitive: `idempotency-key` and `Idempotency-Key` are one header.
        headers: params.filter((p, i) => p.in === 'header' && params.findIndex((q) => q.in === 'header' && q.name.toLowerCase() === p.name.toLowerCase()) === i),
        body: contentType ? { contentType, schema: resolve(doc, media?.schema) } : undefined,
        isPublic: Array.isArray(raw.security) ? raw.security.length === 0 : true,
      });
    }
  }
  return ops;
}

/** The operation a concrete request (method and path, no query) was made on. */
export function operationFor(ops: Operation[], method: string, path: string): Operation | undefined {
  return ops.find((o) => o.method === method && new RegExp(`^${o.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
}

/** The path with its parameters substituted, each percent-encoded as one segment. */
export function fillPath(op: Operation, values: Record<string, string>): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (values[name] === undefined) throw new Error(`${op.key}: no value for path parameter ${name}`);
    return encodeURIComponent(values[name]);
  });
}

/** Problems of the document itself that the suites report (a missing request schema, a path parameter outside the template). */
export function documentFindings(doc: Doc, ops: Operation[]): string[] {
  const findings: string[] = [];
  for (const op of ops) {
    for (const p of op.strayPathParams) findings.push(`${op.key}: path parameter "${p.name}" is not in the path template`);
    const raw = doc.paths[op.path]![op.method.toLowerCase()]!;
    for (const [type, media] of Object.entries(raw.requestBody?.content ?? {})) if (!media.schema) findings.push(`${op.key}: request body ${type} has no schema`);
    const headers = (raw.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name.toLowerCase());
    for (const name of new Set(headers.filter((h, i) => headers.indexOf(h) !== i))) findings.push(`${op.key}: header "${name}" is declared twice`);
  }
  return findings;
}
