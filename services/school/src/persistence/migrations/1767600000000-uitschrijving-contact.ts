import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Optional name and contact data of the young person, for the dossier route (never on the bus). */
export class UitschrijvingContact1767600000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE uitschrijving ADD COLUMN contact jsonb');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE uitschrijving DROP COLUMN contact');
  }
}
