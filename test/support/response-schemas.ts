import Ajv, { type ValidateFunction } from 'ajv';
import type { RecordedAnswer } from './api-client';
import { stackInfo } from './stack-info';

type Json = Record<string, unknown>;
interface RawOperation { responses?: Record<string, { content?: Record<string, { schema?: Json }> }> }
interface RawDoc { paths: Record<string, Record<string, RawOperation>>; components?: { schemas?: Record<string, Json> } }

/**
 * A schema as strict as the document means it: an object's properties are all it may have (unless it
 * declares additionalProperties), so an answer with an undocumented field fails too.
 */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  const s = Object.fromEntries(Object.entries(schema as Json).map(([k, v]) => [k, k === 'example' ? v : closed(v)])) as Json;
  if (s.properties && s.additionalProperties === undefined) s.additionalProperties = false;
  // OpenAPI 3.0's `nullable` beside a reference (`allOf: [{ $ref }]`, as @nestjs/swagger writes it) means "that, or null".
  if (s.nullable === true && (s.allOf || s.$ref)) {
    const { nullable: _nullable, description: _description, type: _type, ...rest } = s;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return s;
}

/** Validates recorded answers against the response schemas of the running API's own /openapi.json. */
export class ResponseSchemas {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly cache = new Map<string, ValidateFunction>();

  private constructor(private readonly doc: RawDoc) {
    this.ajv.addSchema({ $id: 'openapi.json', components: closed(doc.components ?? {}) });
  }

  static async load(): Promise<ResponseSchemas> {
    const res = await fetch(`${stackInfo().apiUrl}/openapi.json`);
    if (!res.ok) throw new Error(`/openapi.json answered ${res.status}`);
    return new ResponseSchemas((await res.json()) as RawDoc);
  }

  /** `METHOD /template` of a concrete request path (no query), or undefined when the document has no such route. */
  route(method: string, path: string): string | undefined {
    const m = method.toLowerCase();
    const templates = Object.keys(this.doc.paths).filter((p) => this.doc.paths[p]![m] && new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
    // A literal segment wins over a parameter (`/leads/csv` over `/leads/{leadId}`).
    templates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
    return templates[0] && `${method.toUpperCase()} ${templates[0]}`;
  }

  /** What is wrong with one answer: an undocumented status, no schema for it, or a body its schema does not describe. */
  problems(answer: RecordedAnswer): string[] {
    const path = answer.path.split('?')[0]!;
    const route = this.route(answer.method, path);
    if (!route) return [`${answer.method} ${path}: not in the document`];
    const [method, template] = route.split(' ') as [string, string];
    const response = this.doc.paths[template]![method.toLowerCase()]!.responses?.[String(answer.status)];
    if (!response) return [`${route} answered ${answer.status}, a status the document does not list for it`];
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return [`${route} ${answer.status}: no JSON schema`];
    const key = `${route} ${answer.status}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(JSON.parse(JSON.stringify(closed(schema)).replaceAll('"#/components/', '"openapi.json#/components/')) as Json);
      this.cache.set(key, validate);
    }
    if (validate(JSON.parse(answer.body || 'null'))) return [];
    return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` "${String(e.params.additionalProperty)}"` : ''}`);
  }
}
