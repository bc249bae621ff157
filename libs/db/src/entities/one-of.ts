/** `column IN ('a', 'b')` for a CHECK over a closed set of values, so the TypeScript union and the database agree. */
export function oneOf(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`;
}
