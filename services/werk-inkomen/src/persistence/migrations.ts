import type { MigrationInterface, QueryRunner } from 'typeorm';
import { receiverServiceMigrations } from '@estafette/receiver';

/** The zoekperiode leaves the shared verwijzing table for W&I's own (the shared migration after this one drops its columns). */
export class CreateZoekperiode1767800000002 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE zoekperiode (
        overdracht_id uuid PRIMARY KEY REFERENCES verwijzing (overdracht_id),
        organisation_id text NOT NULL,
        end_date date,
        waiver text
      )`);
    await q.query(`
      INSERT INTO zoekperiode (overdracht_id, organisation_id, end_date, waiver)
      SELECT overdracht_id, organisation_id, zoekperiode_end_date, zoekperiode_waiver FROM verwijzing
      WHERE zoekperiode_end_date IS NOT NULL OR zoekperiode_waiver IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE zoekperiode');
  }
}

/** Every migration of werk-inkomen (the receiver's, the sender's, retention's, its own): its module runs them, its `migrate` step applies them. */
export const werkInkomenServiceMigrations = receiverServiceMigrations([CreateZoekperiode1767800000002]);
