import type { ObjectLiteral, Repository } from 'typeorm';

/**
 * `"sent_at" AS "sentAt", …`: an entity's own column names selected as its properties (optionally behind a
 * table alias), for hot raw SQL; `as` prefixes the names (`"account.name"`) where one row carries several entities.
 */
export function selectList<T extends ObjectLiteral>(repo: Repository<T>, fields: readonly (keyof T & string)[], alias?: string, as = ''): string {
  const prefix = alias ? `${alias}.` : '';
  return fields.map((field) => `${prefix}"${repo.metadata.findColumnWithPropertyName(field)!.databaseName}" AS "${as}${field}"`).join(', ');
}

/** The properties a row selected with `selectList(…, as)` carries under that prefix, without it. */
export function pickPrefixed<T>(row: Record<string, unknown>, as: string): T {
  const out: Record<string, unknown> = {};
  for (const key in row) if (key.startsWith(as)) out[key.slice(as.length)] = row[key];
  return out as T;
}

/** Every column of an entity, as its properties. */
export function selectAll<T extends ObjectLiteral>(repo: Repository<T>, alias?: string, as = ''): string {
  return selectList(repo, repo.metadata.columns.map((c) => c.propertyName as keyof T & string), alias, as);
}
