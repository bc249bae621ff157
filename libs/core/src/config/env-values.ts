/** Strict readers of environment strings, shared by the typed config and the dev scripts. */

/** The words a boolean variable accepts, in any case. */
export const BOOLEAN_RULE = 'must be one of true, false, 1, 0, yes, no (any case)';
export const NUMBER_RULE = 'must be a plain decimal number (digits, optional sign and fraction)';

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);
// No hex, exponent, whitespace, Infinity or trailing garbage: Number() would accept some of them.
const DECIMAL = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;

/** `true/false/1/0/yes/no` in any case; anything else is undefined. */
export function parseBoolean(raw: string): boolean | undefined {
  const word = raw.toLowerCase();
  if (TRUE.has(word)) return true;
  if (FALSE.has(word)) return false;
  return undefined;
}

/** A plain decimal like `12`, `-3`, `0.5`; anything else (`12abc`, `0x10`, `1e3`, ` 1`) is undefined. */
export function parseDecimal(raw: string): number | undefined {
  return DECIMAL.test(raw) ? Number(raw) : undefined;
}
