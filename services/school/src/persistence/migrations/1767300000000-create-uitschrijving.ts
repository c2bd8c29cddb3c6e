import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUitschrijving1767300000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE uitschrijving (
        id uuid PRIMARY KEY,
        school_id text NOT NULL,
        school_reference text NOT NULL,
        pseudonymous_reference text NOT NULL,
        bsn text,
        student_number text NOT NULL,
        birth_date date NOT NULL,
        deregistration_date date NOT NULL,
        school_type text NOT NULL,
        school_level text,
        highest_diploma text NOT NULL,
        has_startkwalificatie boolean NOT NULL,
        reason text NOT NULL,
        exit_interview_held boolean NOT NULL,
        municipality_of_residence text NOT NULL,
        nazorg_status text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (school_id, school_reference)
      )`);
    await q.query('CREATE INDEX uitschrijving_pseudonym ON uitschrijving (pseudonymous_reference)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE uitschrijving');
  }
}
