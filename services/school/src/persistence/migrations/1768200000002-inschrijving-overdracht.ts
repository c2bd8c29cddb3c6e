import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Back to school: an inschrijving names the overdracht it completes, when the school had accepted one for the young person. */
export class InschrijvingOverdracht1768200000002 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE inschrijving ADD COLUMN overdracht_id uuid');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE inschrijving DROP COLUMN overdracht_id');
  }
}
