import type { QueryRunner } from 'typeorm';

/**
 * The one removal an append-only table may allow: DELETE of a row whose `column` is older than `interval` (a
 * PostgreSQL interval, e.g. `1 years 0 months 0 days`) by the database's own clock: its bewaartermijn.
 */
export interface DeleteAfter {
  column: string;
  interval: string;
}

/** The trigger function of `table`: refuses UPDATE, TRUNCATE and DELETE, except a DELETE `deleteAfter` allows. */
function appendOnlyFunction(table: string, deleteAfter: DeleteAfter | null): string {
  const body = deleteAfter
    ? `
      IF TG_OP = 'DELETE' THEN
        IF OLD.${deleteAfter.column} < now() - interval '${deleteAfter.interval}' THEN RETURN OLD; END IF;
        RAISE EXCEPTION '${table} is append-only: a line may only be removed after its bewaartermijn';
      END IF;
      RAISE EXCEPTION '${table} is append-only';`
    : ` RAISE EXCEPTION '${table} is append-only';`;
  return `FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN${body} END $$`;
}

/**
 * Makes a table append-only even for the service's own database user: a trigger refuses UPDATE, DELETE
 * and TRUNCATE. Only a superuser disabling the trigger gets past (audit chains then tell). A log with a bewaartermijn
 * then allows removal past it with setAppendOnlyDeleteAfter (in @estafette/privacy: allowDeletePastPeriod).
 */
export async function makeAppendOnly(q: QueryRunner, table: string): Promise<void> {
  await q.query(`CREATE ${appendOnlyFunction(table, null)}`);
  await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
    FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`);
  await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
    FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`);
}

/**
 * Changes what the trigger of a table made append-only by makeAppendOnly allows: DELETE past `deleteAfter`, or (null)
 * nothing at all. UPDATE and TRUNCATE stay refused either way.
 */
export async function setAppendOnlyDeleteAfter(q: QueryRunner, table: string, deleteAfter: DeleteAfter | null): Promise<void> {
  await q.query(`CREATE OR REPLACE ${appendOnlyFunction(table, deleteAfter)}`);
}

export async function dropAppendOnly(q: QueryRunner, table: string): Promise<void> {
  await q.query(`DROP FUNCTION IF EXISTS ${table}_append_only() CASCADE`);
}
