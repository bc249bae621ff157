import type { DataSource } from 'typeorm';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

/**
 * Every column, constraint and index of the public schema, as Postgres itself prints them. `DESC` is
 * dropped from index definitions: TypeORM cannot declare a column's order, and a B-tree serves both.
 */
const CATALOG = `
  SELECT 'column' AS kind, c.relname AS "table", a.attname AS name,
         format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
           || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS definition
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  SELECT 'constraint', c.relname, con.conname, pg_get_constraintdef(con.oid)
  FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public'
  UNION ALL
  SELECT 'index', tablename, indexname, replace(indexdef, ' DESC', '') FROM pg_indexes WHERE schemaname = 'public'
  ORDER BY 1, 2, 3`;

/** TypeORM's own bookkeeping, which only the migrated database has. */
const BOOKKEEPING = new Set(['migrations', 'typeorm_metadata']);

async function catalog(ds: DataSource): Promise<string[]> {
  const rows: { kind: string; table: string; name: string; definition: string }[] = await ds.query(CATALOG);
  return rows.filter((r) => !BOOKKEEPING.has(r.table)).map((r) => `${r.kind} ${r.table}.${r.name}: ${r.definition}`);
}

function explain(what: string, lines: string[]): string {
  return `${what}:\n  ${lines.join('\n  ')}\n` +
    'Make the entities describe the migrated schema, or generate a migration from them (README, "Changing the schema").';
}

// The migrations are what runs in production; the entities must describe exactly that schema, so that
// the next migration can be generated from them.
describe('schema drift', () => {
  let migrated: ScratchDatabase;
  let fromEntities: ScratchDatabase;

  beforeAll(async () => {
    [migrated, fromEntities] = await Promise.all([createScratchDatabase(), createScratchDatabase({ migrate: false })]);
    await fromEntities.dataSource.synchronize();
  });
  afterAll(() => Promise.all([migrated?.drop(), fromEntities?.drop()]));

  it('has no pending statement when the entities are built against the migrated database', async () => {
    const sql = await migrated.dataSource.driver.createSchemaBuilder().log();
    const pending = sql.upQueries.map((q) => q.query);
    if (pending.length > 0) throw new Error(explain(`${pending.length} statements would bring the migrated database to the entities`, pending));
  });

  it('has the same columns, constraints and indexes when built from the entities alone', async () => {
    // TypeORM compares checks and partial indexes by name only; this compares what Postgres holds.
    const [fromMigrations, built] = await Promise.all([catalog(migrated.dataSource), catalog(fromEntities.dataSource)]);
    const onlyMigrated = fromMigrations.filter((line) => !built.includes(line)).map((line) => `migrations: ${line}`);
    const onlyEntities = built.filter((line) => !fromMigrations.includes(line)).map((line) => `entities:   ${line}`);
    const differences = [...onlyMigrated, ...onlyEntities];
    if (differences.length > 0) throw new Error(explain(`${differences.length} differences between the migrated schema and the entities`, differences));
    expect(built.length).toBeGreaterThan(100);
  });
});
