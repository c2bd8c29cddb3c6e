import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropAppendOnly, makeAppendOnly } from '@estafette/auth';
import { allowDeletePastPeriod, refuseEveryDelete } from '../retention/append-only-retention.js';

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

/**
 * The purge record's bewaartermijn: it stays append-only, except that a line older than ACCOUNTABILITY_LOG_PERIOD (by
 * the database clock) may be deleted. The receivers' retention suite reads the period back from the trigger and
 * compares it with the table in code, so changing one without the other fails.
 */
export class VerwijderingRetention1769200000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // Written out, not ACCOUNTABILITY_LOG_PERIOD: a changed period needs a new migration (the test then fails until there is one).
    await allowDeletePastPeriod(q, 'verwijdering', 'at', { years: 1 });
  }

  async down(q: QueryRunner): Promise<void> {
    await refuseEveryDelete(q, 'verwijdering');
  }
}

/** The purge record's migrations, in order: every service that takes part in withdrawal purges runs both. */
export const withdrawalMigrations = [CreateVerwijdering1769100000000, VerwijderingRetention1769200000000];
