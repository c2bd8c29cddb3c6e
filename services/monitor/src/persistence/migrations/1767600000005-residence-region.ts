import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The RMC region of the municipality of residence an event names (CBS indeling), for events without a region of
 * their own and no vsv-melding of the same young person: a school's pro/vso handover is still counted by region.
 */
export class ResidenceRegion1767600000005 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE flow_event ADD COLUMN residence_region text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE flow_event DROP COLUMN residence_region');
  }
}
