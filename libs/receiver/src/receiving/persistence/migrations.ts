import { withdrawalMigrations } from '@estafette/privacy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReceiver1767600000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE verwijzing (
        overdracht_id uuid PRIMARY KEY,
        organisation_id text NOT NULL,
        pseudonymous_reference text NOT NULL,
        from_type text NOT NULL,
        from_id text NOT NULL,
        purpose text NOT NULL,
        handover_reason text NOT NULL,
        response_due_at timestamptz NOT NULL,
        age_at_offer int NOT NULL,
        municipality text NOT NULL,
        first_contact_proposed_on date,
        sender_dataref text,
        status text NOT NULL,
        reject_reason text,
        contact_person text,
        first_contact_planned_on date,
        first_contact_date date,
        zoekperiode_end_date date,
        zoekperiode_waiver text,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX verwijzing_inbox ON verwijzing (organisation_id, status)');
    await q.query(`
      CREATE TABLE plaatsing (
        id uuid PRIMARY KEY,
        overdracht_id uuid NOT NULL REFERENCES verwijzing (overdracht_id),
        organisation_id text NOT NULL,
        pseudonymous_reference text NOT NULL,
        placement_type text NOT NULL,
        start_date date NOT NULL,
        hours_per_week int,
        age_at_placement int NOT NULL,
        status text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE follow_up_check (
        id bigserial PRIMARY KEY,
        plaatsing_id uuid NOT NULL REFERENCES plaatsing (id),
        organisation_id text NOT NULL,
        check_type text NOT NULL,
        due_date date NOT NULL,
        due_at timestamptz NOT NULL,
        fired_at timestamptz,
        done_at timestamptz,
        outcome text,
        UNIQUE (plaatsing_id, check_type)
      )`);
    await q.query('CREATE INDEX follow_up_check_pending ON follow_up_check (due_at) WHERE fired_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE follow_up_check, plaatsing, verwijzing');
  }
}

/** The zoekperiode is Werk & Inkomen's own (its table `zoekperiode`, filled from these columns just before). */
export class VerwijzingWithoutZoekperiode1767800000003 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE verwijzing DROP COLUMN zoekperiode_end_date, DROP COLUMN zoekperiode_waiver');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE verwijzing ADD COLUMN zoekperiode_end_date date, ADD COLUMN zoekperiode_waiver text');
  }
}

/**
 * A school's acceptance carries a planned enrolment date; a young person returned by an uitval na plaatsing is filed
 * with its history (verwijzing_herkomst), so the worklist shows which plaatsing failed, by whom and when.
 */
export class VerwijzingEnrolmentAndHerkomst1768200000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE verwijzing ADD COLUMN enrolment_planned_on date');
    await q.query(`
      CREATE TABLE verwijzing_herkomst (
        overdracht_id uuid PRIMARY KEY REFERENCES verwijzing (overdracht_id),
        uitval_id uuid NOT NULL UNIQUE,
        plaatsing_id uuid NOT NULL,
        placement_type text NOT NULL,
        dropout_date date NOT NULL,
        dropout_reason text NOT NULL,
        reported_by_type text NOT NULL,
        reported_by_id text NOT NULL,
        previous_overdracht_id uuid
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE verwijzing_herkomst');
    await q.query('ALTER TABLE verwijzing DROP COLUMN enrolment_planned_on');
  }
}

/**
 * The date the young person turns 23, as the offer carried it (`turns23On`): every age on the verwijzing is exact
 * from it. Null for offers of producers that do not send it yet (and for rows filed before): those keep the estimate.
 */
export class VerwijzingTurns23On1768300000100 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE verwijzing ADD COLUMN turns_23_on date');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE verwijzing DROP COLUMN turns_23_on');
  }
}

/**
 * The toestemming an offer rested on (`toestemmingId` when its legalBasis is toestemming): what the referral brought
 * along under it is removed when that toestemming is withdrawn (withdrawal-purge.ts). Null for offers on a legal basis.
 */
export class VerwijzingToestemming1769100000100 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE verwijzing ADD COLUMN toestemming_id uuid');
    await q.query('CREATE INDEX verwijzing_toestemming ON verwijzing (toestemming_id) WHERE toestemming_id IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE verwijzing DROP COLUMN toestemming_id');
  }
}

export const receiverMigrations = [
  CreateReceiver1767600000000,
  VerwijzingWithoutZoekperiode1767800000003,
  VerwijzingEnrolmentAndHerkomst1768200000000,
  VerwijzingTurns23On1768300000100,
  VerwijzingToestemming1769100000100,
  // The purge record and its bewaartermijn (libs/privacy withdrawal).
  ...withdrawalMigrations,
];
