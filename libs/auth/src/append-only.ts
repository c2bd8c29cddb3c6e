import type { QueryRunner } from 'typeorm';

/**
 * Makes a table append-only even for the service's own database user: a trigger refuses UPDATE, DELETE
 * and TRUNCATE. Only a superuser disabling the trigger gets past (audit chains then tell).
 */
export async function makeAppendOnly(q: QueryRunner, table: string): Promise<void> {
  await q.query(`
    CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '${table} is append-only'; END $$`);
  await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
    FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`);
  await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
    FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`);
}

export async function dropAppendOnly(q: QueryRunner, table: string): Promise<void> {
  await q.query(`DROP FUNCTION IF EXISTS ${table}_append_only() CASCADE`);
}
