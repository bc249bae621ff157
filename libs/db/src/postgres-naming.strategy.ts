import { DefaultNamingStrategy, type NamingStrategyInterface, type Table } from 'typeorm';

/**
 * Constraint names as Postgres gives them (`leads_pkey`, `leads_campaign_id_fkey`,
 * `leads_campaign_id_profile_key_key`, `leads_campaign_id_state_idx`): the names the hand-written
 * migrations already have, so entities match them and generated migrations read like them.
 */
export class PostgresNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override primaryKeyName(table: Table | string): string {
    return `${this.getTableName(table)}_pkey`;
  }

  override foreignKeyName(table: Table | string, columnNames: string[]): string {
    return `${this.getTableName(table)}_${columnNames.join('_')}_fkey`;
  }

  override uniqueConstraintName(table: Table | string, columnNames: string[]): string {
    return `${this.getTableName(table)}_${columnNames.join('_')}_key`;
  }

  override indexName(table: Table | string, columnNames: string[]): string {
    return `${this.getTableName(table)}_${columnNames.join('_')}_idx`;
  }
}
