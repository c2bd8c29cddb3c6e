import type { MigrationInterface, QueryRunner } from 'typeorm';
import { receiverServiceMigrations } from '@estafette/receiver';

export class CreateZorginformatie1767800000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE zorginformatie (
        id uuid PRIMARY KEY,
        organisation_id text NOT NULL,
        overdracht_id uuid NOT NULL REFERENCES verwijzing (overdracht_id),
        pseudonymous_reference text NOT NULL,
        kind text NOT NULL,
        summary text NOT NULL,
        start_date date,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX zorginformatie_overdracht ON zorginformatie (overdracht_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE zorginformatie');
  }
}

/** Every migration of zorg (the receiver's, the sender's, retention's, its own): its module runs them, its `migrate` step applies them. */
export const zorgServiceMigrations = receiverServiceMigrations([CreateZorginformatie1767800000000]);
