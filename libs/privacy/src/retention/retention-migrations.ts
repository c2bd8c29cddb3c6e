import { dropAppendOnly, makeAppendOnly } from '@estafette/auth';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { allowDeletePastPeriod, refuseEveryDelete } from './append-only-retention.js';

/** The retention job's audit: one append-only line per run (counts per category, never content). */
export class CreateRetentionRun1768900000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE retention_run (
        id bigserial PRIMARY KEY,
        run_date date NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        counts jsonb NOT NULL,
        policy text NOT NULL
      )`);
    await q.query('CREATE INDEX retention_run_date ON retention_run (run_date)');
    await makeAppendOnly(q, 'retention_run');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE retention_run');
    await dropAppendOnly(q, 'retention_run');
  }
}

/**
 * The access log stays append-only, except that a line older than its bewaartermijn (ACCESS_LOG_PERIOD, by the
 * database clock) may be deleted. The period is written into the trigger here; retention.test.ts checks it against the
 * table in code, so changing one without the other fails.
 */
export class AccessLogRetention1768900000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // Written out, not ACCESS_LOG_PERIOD: a changed period needs a new migration (the test then fails until there is one).
    await allowDeletePastPeriod(q, 'access_log', 'at', { years: 1 });
  }

  async down(q: QueryRunner): Promise<void> {
    await refuseEveryDelete(q, 'access_log');
  }
}

/** What every service with personal data runs (after @estafette/auth's access log). */
export const retentionMigrations = [CreateRetentionRun1768900000000, AccessLogRetention1768900000001];
