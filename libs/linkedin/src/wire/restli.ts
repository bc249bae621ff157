/** A value to encode as REST.li: arrays become `List(…)`, objects `(k:v,…)`; null/undefined keys are left out. */
export type RestliValue = string | number | boolean | RestliValue[] | { [key: string]: RestliValue | null | undefined };

/** A decoded REST.li value: scalars always come back as (percent-decoded) strings. */
export type RestliParsed = string | RestliParsed[] | { [key: string]: RestliParsed };

/** Form-style percent-encoding: everything but `A-Z a-z 0-9 - _ . ~` is escaped, including `:(),'!*`. */
export function encodeRestliString(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Encodes a value in REST.li tuple syntax with the structure literal and every string percent-encoded. */
export function encodeRestli(value: RestliValue): string {
  if (Array.isArray(value)) return `List(${value.map(encodeRestli).join(',')})`;
  if (typeof value === 'object') {
    const parts = Object.entries(value)
      .filter((entry): entry is [string, RestliValue] => entry[1] !== undefined && entry[1] !== null)
      .map(([k, v]) => `${k}:${encodeRestli(v)}`);
    return `(${parts.join(',')})`;
  }
  return typeof value === 'string' ? encodeRestliString(value) : String(value);
}

/** Key in a path, form-style (`urn%3Ali%3A…%28…%29`), as used for conversation rename and delete. */
export function encodeRestliKeyForm(urn: string): string {
  return encodeRestliString(urn);
}

/** Key in a path, path-style (`urn:li:msg_message:%28…%2C…%29`), as used for message edits. */
export function encodeRestliKeyPath(urn: string): string {
  return encodeRestliString(urn).replace(/%3A/g, ':');
}

/** Decodes a key from a path in either style back to the URN. */
export function decodeRestliKey(encoded: string): string {
  return safeDecode(encoded);
}

/** `List(<enc key1>,<enc key2>)` for `?ids=`; goes into the URL raw. */
export function encodeRestliIds(urns: readonly string[]): string {
  return `List(${urns.map(encodeRestliKeyForm).join(',')})`;
}

/** `queryId=<id>&variables=(…)`, built by hand because standard encoders escape the structure. */
export function graphqlQueryString(queryId: string, variables: { [key: string]: RestliValue | null | undefined }): string {
  return `queryId=${queryId}&variables=${encodeRestli(variables)}`;
}

/** Raw (undecoded) value of a query parameter; URLSearchParams would decode `%2C` and break REST.li. */
export function rawQueryParam(search: string, name: string): string | undefined {
  const query = search.startsWith('?') ? search.slice(1) : search;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    if (key === name) return eq === -1 ? '' : pair.slice(eq + 1);
  }
  return undefined;
}

/** Parses REST.li tuple syntax; accepts any key order and values with or without percent-encoding (raw URNs too). */
export function parseRestli(input: string): RestliParsed {
  const text = /^%28|^List%28/i.test(input) ? safeDecode(input) : input;
  const parser = new RestliParser(text);
  const value = parser.value();
  parser.expectEnd();
  return value;
}

/** Parses a `(k:v,…)` tuple; throws when the input is not a record. */
export function parseRestliRecord(input: string): { [key: string]: RestliParsed } {
  const value = parseRestli(input);
  if (typeof value !== 'object' || Array.isArray(value)) throw new RestliSyntaxError('expected a (k:v) record', 0);
  return value;
}

/** Thrown by the parsers on malformed input, with the offending offset. */
export class RestliSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`REST.li syntax error at ${offset}: ${message}`);
    this.name = 'RestliSyntaxError';
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

class RestliParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  value(): RestliParsed {
    if (this.text.startsWith('List(', this.pos)) return this.list();
    if (this.text[this.pos] === '(') return this.record();
    return this.scalar();
  }

  expectEnd(): void {
    if (this.pos !== this.text.length) throw new RestliSyntaxError(`unexpected '${this.text[this.pos]}'`, this.pos);
  }

  private list(): RestliParsed[] {
    this.pos += 'List('.length;
    const items: RestliParsed[] = [];
    if (this.text[this.pos] === ')') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      if (this.consume(')')) return items;
      this.expect(',');
    }
  }

  private record(): { [key: string]: RestliParsed } {
    this.pos++;
    const record: { [key: string]: RestliParsed } = {};
    if (this.consume(')')) return record;
    for (;;) {
      const colon = this.text.indexOf(':', this.pos);
      if (colon === -1) throw new RestliSyntaxError("expected ':' after a key", this.pos);
      const key = safeDecode(this.text.slice(this.pos, colon));
      if (!/^[A-Za-z0-9_$.-]+$/.test(key)) throw new RestliSyntaxError(`bad key '${key}'`, this.pos);
      this.pos = colon + 1;
      record[key] = this.value();
      if (this.consume(')')) return record;
      this.expect(',');
    }
  }

  // A scalar ends at ',' or ')' outside parentheses, so raw URNs like urn:li:x:(a,b) stay whole.
  private scalar(): string {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
      this.pos++;
    }
    if (depth !== 0) throw new RestliSyntaxError('unbalanced parentheses in a value', start);
    return safeDecode(this.text.slice(start, this.pos));
  }

  private consume(char: string): boolean {
    if (this.text[this.pos] !== char) return false;
    this.pos++;
    return true;
  }

  private expect(char: string): void {
    if (!this.consume(char)) throw new RestliSyntaxError(`expected '${char}'`, this.pos);
  }
}
