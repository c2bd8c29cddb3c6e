import type { MigrationInterface, QueryRunner } from 'typeorm';
import { allowDeletePastPeriod, refuseEveryDelete } from '@estafette/privacy';

/**
 * The toewijzing log stays append-only, except that a line a year old may be removed with the young person's RMC
 * dossier (rmc-dossier: a year after 23; every toewijzing is before 23, so its line is then a year old). Written out,
 * not TOEWIJZING_LOG_PERIOD: a changed period needs a new migration.
 */
export class ToewijzingLogRetention1768900000010 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await allowDeletePastPeriod(q, 'toewijzing_log', 'at', { years: 1 });
  }

  async down(q: QueryRunner): Promise<void> {
    await refuseEveryDelete(q, 'toewijzing_log');
  }
}
