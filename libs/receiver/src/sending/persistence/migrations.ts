import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUitgaandeOverdracht1767700000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE uitgaande_overdracht (
        id uuid PRIMARY KEY,
        organisation_id text NOT NULL,
        local_ref uuid NOT NULL,
        pseudonymous_reference text NOT NULL,
        to_type text NOT NULL,
        to_id text NOT NULL,
        purpose text NOT NULL,
        handover_reason text NOT NULL,
        contact_person text NOT NULL,
        first_contact_proposed_on date,
        due_at timestamptz NOT NULL,
        fired_at timestamptz,
        status text NOT NULL,
        answer_reason text,
        first_contact_planned_on date,
        escalated_at timestamptz,
        offered_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX uitgaande_overdracht_org_status ON uitgaande_overdracht (organisation_id, status)');
    await q.query('CREATE INDEX uitgaande_overdracht_pending ON uitgaande_overdracht (due_at) WHERE fired_at IS NULL');
    // One open offer per young person's record at a time: the next receiver is asked after the answer.
    await q.query("CREATE UNIQUE INDEX uitgaande_overdracht_one_open ON uitgaande_overdracht (local_ref) WHERE status = 'aangeboden'");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE uitgaande_overdracht');
  }
}

/**
 * One offer table for every sender, the RMC included: the answer deadline as on the bus (`response_due_at`)
 * apart from its timer (`due_at`/`fired_at`), and the placement the sender keeps following.
 */
export class UitgaandeOverdrachtForEverySender1767800000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE uitgaande_overdracht
        ADD COLUMN response_due_at timestamptz,
        ADD COLUMN plaatsing_id uuid,
        ADD COLUMN placement_type text,
        ADD COLUMN follow_up_checks jsonb`);
    await q.query('UPDATE uitgaande_overdracht SET response_due_at = due_at');
    await q.query('ALTER TABLE uitgaande_overdracht ALTER COLUMN response_due_at SET NOT NULL');
    await q.query('CREATE INDEX uitgaande_overdracht_plaatsing ON uitgaande_overdracht (plaatsing_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE uitgaande_overdracht DROP COLUMN follow_up_checks, DROP COLUMN placement_type, DROP COLUMN plaatsing_id, DROP COLUMN response_due_at',
    );
  }
}

/** A school that takes a young person back answers with the date it plans to enrol them; the sender keeps it. */
export class UitgaandeOverdrachtEnrolment1768200000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE uitgaande_overdracht ADD COLUMN enrolment_planned_on date');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE uitgaande_overdracht DROP COLUMN enrolment_planned_on');
  }
}

export const senderMigrations = [
  CreateUitgaandeOverdracht1767700000000,
  UitgaandeOverdrachtForEverySender1767800000000,
  UitgaandeOverdrachtEnrolment1768200000001,
];
