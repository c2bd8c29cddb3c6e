import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consulent's day (issue 22): the plan van aanpak in versions, notes, the next step's and the periodic contact's
 * flags on the task. Open tasks that already had contact get their periodic-contact timer from their last contact,
 * with the default period (3 months; a region that sets another period gets it from the next contact on).
 */
export class ConsulentDay1768500000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan_van_aanpak_versie (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        taak_id uuid NOT NULL REFERENCES taak (id),
        version int NOT NULL,
        goals text NOT NULL,
        agreements text NOT NULL,
        next_step text NOT NULL,
        next_step_on date NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL,
        UNIQUE (taak_id, version)
      )`);
    await q.query(`
      CREATE TABLE notitie (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        taak_id uuid NOT NULL REFERENCES taak (id),
        pseudonymous_reference text NOT NULL,
        bij text NOT NULL CHECK (bij IN ('contactmoment', 'plan')),
        contact_moment_id uuid REFERENCES contact_moment (id),
        plan_version int,
        tekst text NOT NULL CHECK (char_length(tekst) BETWEEN 1 AND 4000),
        written_by text NOT NULL,
        written_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX notitie_taak ON notitie (taak_id)');
    await q.query('CREATE INDEX notitie_pseudonym ON notitie (pseudonymous_reference)');
    await q.query(
      `ALTER TABLE taak ADD COLUMN next_step_on date, ADD COLUMN back_on_top_since timestamptz,
         ADD COLUMN periodic_contact_due_date date, ADD COLUMN periodic_contact_overdue_since timestamptz`,
    );
    // Last contact (Amsterdam date) + 3 months, due at 00:00 Amsterdam the day after (as periodicContactDue computes).
    await q.query(`
      WITH last_contact AS (
        SELECT c.taak_id, (max(c.at) AT TIME ZONE 'Europe/Amsterdam')::date AS on_date
          FROM contact_moment c JOIN taak t ON t.id = c.taak_id
         WHERE c.kind = 'contact' AND t.status IN ('in-contact', 'traject')
         GROUP BY c.taak_id
      ), due AS (SELECT taak_id, (on_date + interval '3 months')::date AS due_date FROM last_contact)
      , armed AS (
        INSERT INTO timer (taak_id, kind, due_at)
        SELECT taak_id, 'periodic-contact-due', ((due_date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam') FROM due
        ON CONFLICT (taak_id, kind) DO NOTHING
      )
      UPDATE taak SET periodic_contact_due_date = due.due_date FROM due WHERE taak.id = due.taak_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM timer WHERE kind IN ('next-step-due', 'periodic-contact-due')`);
    await q.query(
      `ALTER TABLE taak DROP COLUMN next_step_on, DROP COLUMN back_on_top_since, DROP COLUMN periodic_contact_due_date,
         DROP COLUMN periodic_contact_overdue_since`,
    );
    await q.query('DROP TABLE notitie, plan_van_aanpak_versie');
  }
}
