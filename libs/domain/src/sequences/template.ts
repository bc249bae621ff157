import { seededRandom } from './seeded-random';

/** LinkedIn's limits: a direct message body and an InMail subject. */
export const MAX_MESSAGE_LENGTH = 8000;
export const MAX_SUBJECT_LENGTH = 200;

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: string; fallback: string | null }
  | { kind: 'spin'; options: Node[][] };

export class TemplateSyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

const VARIABLE_NAME = /^[A-Za-z_][\w.]*$/;

/**
 * Parses `Hi {{firstName|there}}, {quick|short} question` into nodes: `{{name|fallback}}` variables
 * and `{a|b}` spintax (nestable). A literal brace is written `\{` or `\}`.
 */
export function parseTemplate(source: string): Node[] {
  let i = 0;
  const parseSeq = (inSpin: boolean): { nodes: Node[]; stop: '|' | '}' | null } => {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (i < source.length) {
      const c = source[i]!;
      if (c === '\\' && (source[i + 1] === '{' || source[i + 1] === '}' || source[i + 1] === '|')) {
        text += source[i + 1];
        i += 2;
      } else if (c === '{' && source[i + 1] === '{') {
        const end = source.indexOf('}}', i + 2);
        if (end < 0) throw new TemplateSyntaxError(`unclosed variable "{{" at position ${i}`, i);
        const inner = source.slice(i + 2, end);
        const bar = inner.indexOf('|');
        const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
        if (!VARIABLE_NAME.test(name)) throw new TemplateSyntaxError(`invalid variable name "${name}" at position ${i}`, i);
        flush();
        nodes.push({ kind: 'var', name, fallback: bar < 0 ? null : inner.slice(bar + 1) });
        i = end + 2;
      } else if (c === '{') {
        const start = i;
        i += 1;
        const options: Node[][] = [];
        for (;;) {
          const part = parseSeq(true);
          options.push(part.nodes);
          if (part.stop === '}') break;
          if (part.stop === null) throw new TemplateSyntaxError(`unclosed spintax "{" at position ${start}`, start);
        }
        flush();
        nodes.push({ kind: 'spin', options });
      } else if (inSpin && (c === '|' || c === '}')) {
        i += 1;
        flush();
        return { nodes, stop: c };
      } else if (c === '}') {
        throw new TemplateSyntaxError(`unmatched "}" at position ${i}`, i);
      } else {
        text += c;
        i += 1;
      }
    }
    flush();
    return { nodes, stop: null };
  };
  return parseSeq(false).nodes;
}

/** The variables a template uses, and whether each has a fallback. */
export function templateVariables(source: string): Array<{ name: string; hasFallback: boolean }> {
  const found = new Map<string, boolean>();
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.kind === 'var') found.set(n.name, (found.get(n.name) ?? true) && n.fallback !== null);
      if (n.kind === 'spin') n.options.forEach(walk);
    }
  };
  walk(parseTemplate(source));
  return [...found].map(([name, hasFallback]) => ({ name, hasFallback }));
}

export interface RenderResult {
  text: string;
  /** Variables that had neither a value nor a fallback (rendered as empty). */
  missing: string[];
}

/** Lead attributes as templates see them: `firstName`, `company`, any custom field (dotted paths allowed). */
export type TemplateVariables = Record<string, unknown>;

/**
 * The text of a variable: each part of a dotted path must be an own data property of a plain object
 * (never inherited, so `{{constructor}}` or `{{a.__proto__}}` find nothing), and only a string, a
 * finite number or a boolean renders. Anything else (object, array, function, blank) is missing, so
 * the fallback applies.
 */
function lookupVariable(vars: TemplateVariables, name: string): string | null {
  let value: unknown = vars;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    // A descriptor's `value` is undefined for inherited and accessor properties, so no getter ever runs.
    value = Object.getOwnPropertyDescriptor(value, part)?.value;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? null : text;
}

/** Renders a template; spintax choices come from `seed`, so a replayed or retried step renders the same text. */
export function renderTemplate(source: string, vars: TemplateVariables, seed: string): RenderResult {
  const random = seededRandom(seed);
  const missing = new Set<string>();
  const render = (nodes: Node[]): string =>
    nodes
      .map((n) => {
        if (n.kind === 'text') return n.text;
        if (n.kind === 'var') {
          const value = lookupVariable(vars, n.name);
          if (value !== null) return value;
          if (n.fallback === null) missing.add(n.name);
          return n.fallback ?? '';
        }
        return render(n.options[Math.floor(random() * n.options.length)]!);
      })
      .join('');
  return { text: render(parseTemplate(source)), missing: [...missing] };
}

export interface WeightedVariant {
  id: string;
  weight?: number;
}

/** Picks an A/B variant by weight (default 1 each), deterministically from the seed. */
export function chooseVariant<T extends WeightedVariant>(variants: readonly T[], seed: string): T {
  const weights = variants.map((v) => Math.max(0, v.weight ?? 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let r = seededRandom(seed)() * total;
  for (let i = 0; i < variants.length; i++) {
    r -= weights[i]!;
    if (r < 0) return variants[i]!;
  }
  return variants[variants.length - 1]!;
}

/** LinkedIn's length limits on a rendered message; the first problem, or null. */
export function checkMessageLimits(message: { text: string; subject?: string | null }): string | null {
  if (message.text.trim() === '') return 'the rendered message is empty';
  if (message.text.length > MAX_MESSAGE_LENGTH) return `the rendered message is ${message.text.length} characters; LinkedIn allows ${MAX_MESSAGE_LENGTH}`;
  if (message.subject && message.subject.length > MAX_SUBJECT_LENGTH) return `the subject is ${message.subject.length} characters; LinkedIn allows ${MAX_SUBJECT_LENGTH}`;
  return null;
}
