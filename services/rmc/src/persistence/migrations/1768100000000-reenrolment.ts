import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which school's enrolment closed a task, and on what date: a re-enrolment must be attributable. */
export class Reenrolment1768100000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE taak ADD COLUMN reenrolment_school_id text, ADD COLUMN reenrolment_date date, ADD COLUMN reenrolment_inschrijving_id uuid',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE taak DROP COLUMN reenrolment_school_id, DROP COLUMN reenrolment_date, DROP COLUMN reenrolment_inschrijving_id',
    );
  }
}
