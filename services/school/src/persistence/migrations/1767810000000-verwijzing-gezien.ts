import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VerwijzingGezien1767810000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE verwijzing_gezien (
        overdracht_id uuid PRIMARY KEY,
        pseudonymous_reference text NOT NULL,
        to_type text NOT NULL,
        to_id text NOT NULL,
        uitschrijving_id uuid,
        open boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX verwijzing_gezien_reader ON verwijzing_gezien (pseudonymous_reference, to_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE verwijzing_gezien');
  }
}
