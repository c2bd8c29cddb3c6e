import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropAppendOnly, makeAppendOnly } from '@estafette/auth';

/** The purge record (verwijdering), append-only like the access log. */
export class CreateVerwijdering1769100000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE verwijdering (
        id bigserial PRIMARY KEY,
        subject text NOT NULL,
        at timestamptz NOT NULL,
        what text NOT NULL,
        count int NOT NULL CHECK (count > 0),
        reason text NOT NULL,
        toestemming_id uuid NOT NULL
      )`);
    await q.query('CREATE INDEX verwijdering_subject_at ON verwijdering (subject, at)');
    await makeAppendOnly(q, 'verwijdering');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE verwijdering');
    await dropAppendOnly(q, 'verwijdering');
  }
}
