import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A task can also be reopened because another organisation handed the young person back (W&I to the RMC). */
export class ReturningFromOverdracht1767700000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE taak_herkomst
        ALTER COLUMN uitval_id DROP NOT NULL,
        ALTER COLUMN plaatsing_id DROP NOT NULL,
        ALTER COLUMN placement_type DROP NOT NULL,
        ALTER COLUMN dropout_reason DROP NOT NULL,
        ADD COLUMN overdracht_id uuid UNIQUE,
        ADD COLUMN handover_reason text,
        ADD CONSTRAINT taak_herkomst_one_origin CHECK ((uitval_id IS NULL) <> (overdracht_id IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM taak_herkomst WHERE overdracht_id IS NOT NULL');
    await q.query(`
      ALTER TABLE taak_herkomst
        DROP CONSTRAINT taak_herkomst_one_origin,
        DROP COLUMN handover_reason,
        DROP COLUMN overdracht_id,
        ALTER COLUMN uitval_id SET NOT NULL,
        ALTER COLUMN plaatsing_id SET NOT NULL,
        ALTER COLUMN placement_type SET NOT NULL,
        ALTER COLUMN dropout_reason SET NOT NULL`);
  }
}
