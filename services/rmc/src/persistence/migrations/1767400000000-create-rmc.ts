import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRmc1767400000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE taak (
        id uuid PRIMARY KEY,
        pseudonymous_reference text NOT NULL,
        region text NOT NULL,
        team text NOT NULL,
        uitschrijving_id uuid NOT NULL UNIQUE,
        school_id text NOT NULL,
        school_dataref text,
        municipality text NOT NULL,
        age_at_registration int NOT NULL,
        registration_date date NOT NULL,
        grace_period_end_date date NOT NULL,
        first_contact_due_date date NOT NULL,
        status text NOT NULL,
        close_reason text,
        assigned_to text,
        failed_attempts int NOT NULL DEFAULT 0,
        buiten_beeld boolean NOT NULL DEFAULT false,
        first_contact_at timestamptz,
        escalated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX taak_worklist ON taak (region, status, first_contact_due_date)');
    await q.query('CREATE INDEX taak_pseudonym ON taak (pseudonymous_reference)');
    await q.query(`
      CREATE TABLE contact_moment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        taak_id uuid NOT NULL REFERENCES taak (id),
        kind text NOT NULL,
        channel text NOT NULL,
        outcome text NOT NULL,
        recorded_by text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE timer (
        id bigserial PRIMARY KEY,
        taak_id uuid NOT NULL REFERENCES taak (id),
        kind text NOT NULL,
        due_at timestamptz NOT NULL,
        fired_at timestamptz,
        UNIQUE (taak_id, kind)
      )`);
    await q.query('CREATE INDEX timer_pending ON timer (due_at) WHERE fired_at IS NULL');
    await q.query(`
      CREATE TABLE inschrijving_seen (
        inschrijving_id uuid PRIMARY KEY,
        pseudonymous_reference text NOT NULL,
        date_of_enrolment date NOT NULL
      )`);
    await q.query('CREATE INDEX inschrijving_seen_pseudonym ON inschrijving_seen (pseudonymous_reference)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inschrijving_seen, timer, contact_moment, taak');
  }
}
