/** What Postgres text and jsonb cannot hold (0x00), and what replaces it. */
const NUL = '\u0000';
const REPLACEMENT = '\uFFFD';

/**
 * A copy of `value` that Postgres can store: every U+0000 in its strings, at any depth, becomes U+FFFD.
 * U+FFFD keeps each string's length (so mention offsets into a message still point right) and shows
 * that a character was there. Dates and other non-plain objects pass through unchanged.
 */
export function postgresSafe<T>(value: T): T {
  if (typeof value === 'string') return (value.includes(NUL) ? value.replaceAll(NUL, REPLACEMENT) : value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => postgresSafe(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [postgresSafe(k), postgresSafe(v)])) as T;
  }
  return value;
}
