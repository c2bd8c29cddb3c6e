import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInschrijving1767500000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inschrijving (
        id uuid PRIMARY KEY,
        school_id text NOT NULL,
        student_number text NOT NULL,
        pseudonymous_reference text NOT NULL,
        bsn text,
        birth_date date NOT NULL,
        enrolment_date date NOT NULL,
        school_type text NOT NULL,
        school_level text,
        municipality_of_residence text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (school_id, student_number, enrolment_date)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inschrijving');
  }
}
