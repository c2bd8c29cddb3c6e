import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The baton's whole life at the RMC: the date a young person turns 23 on the task (for the end of the RMC's part), and
 * scope and end on the projection. Existing rows: in scope exactly when someone holds the baton (as before).
 */
export class BatonLifeCycle1768400000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE taak ADD COLUMN turns_23_on date');
    await q.query(
      `ALTER TABLE baton_holder ADD COLUMN in_scope boolean, ADD COLUMN ended_reason text, ADD COLUMN ended_on date,
         ADD COLUMN turns_23_on date`,
    );
    await q.query('UPDATE baton_holder SET in_scope = holder_id IS NOT NULL');
    await q.query('ALTER TABLE baton_holder ALTER COLUMN in_scope SET NOT NULL, ALTER COLUMN in_scope SET DEFAULT false');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE baton_holder DROP COLUMN in_scope, DROP COLUMN ended_reason, DROP COLUMN ended_on, DROP COLUMN turns_23_on');
    await q.query('ALTER TABLE taak DROP COLUMN turns_23_on');
  }
}
