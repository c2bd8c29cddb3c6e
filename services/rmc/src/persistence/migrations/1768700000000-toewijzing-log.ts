import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropAppendOnly, makeAppendOnly } from '@estafette/auth';

/**
 * The coordinator's bulk toewijzing: one append-only row per reassigned task. `transaction_id` is filled by the database,
 * so the rows of one request show they were written in one transaction.
 */
export class ToewijzingLog1768700000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE toewijzing_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        taak_id uuid NOT NULL REFERENCES taak (id),
        from_assignee text,
        to_assignee text NOT NULL,
        assigned_by text NOT NULL,
        at timestamptz NOT NULL,
        transaction_id bigint NOT NULL DEFAULT txid_current()
      )`);
    await q.query('CREATE INDEX toewijzing_log_taak ON toewijzing_log (taak_id, at)');
    await makeAppendOnly(q, 'toewijzing_log');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAppendOnly(q, 'toewijzing_log');
    await q.query('DROP TABLE toewijzing_log');
  }
}
