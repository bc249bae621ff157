import type { ObjectLiteral, Repository } from 'typeorm';

/** `"sent_at" AS "sentAt", …`: an entity's own column names selected as its properties (optionally behind a table alias), for hot raw SQL. */
export function selectList<T extends ObjectLiteral>(repo: Repository<T>, fields: readonly (keyof T & string)[], alias?: string): string {
  const prefix = alias ? `${alias}.` : '';
  return fields.map((field) => `${prefix}"${repo.metadata.findColumnWithPropertyName(field)!.databaseName}" AS "${field}"`).join(', ');
}

/** Every column of an entity, as its properties. */
export function selectAll<T extends ObjectLiteral>(repo: Repository<T>, alias?: string): string {
  return selectList(repo, repo.metadata.columns.map((c) => c.propertyName as keyof T & string), alias);
}
