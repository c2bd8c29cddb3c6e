import { allowDeletePastPeriod, refuseEveryDelete } from '@estafette/privacy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inzage requests' bewaartermijn: `inzage_verzoek` stays append-only, except that a request recorded longer ago
 * than ACCOUNTABILITY_LOG_PERIOD (by the database clock) may be deleted. The retention test reads the period back from
 * the trigger and compares it with the table in code.
 */
export class InzageVerzoekRetention1769200000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // Written out, not ACCOUNTABILITY_LOG_PERIOD: a changed period needs a new migration (the test then fails until there is one).
    await allowDeletePastPeriod(q, 'inzage_verzoek', 'requested_at', { years: 1 });
  }

  async down(q: QueryRunner): Promise<void> {
    await refuseEveryDelete(q, 'inzage_verzoek');
  }
}
