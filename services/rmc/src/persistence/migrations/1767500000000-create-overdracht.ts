import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRmcOverdracht1767500000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE overdracht (
        id uuid PRIMARY KEY,
        taak_id uuid NOT NULL REFERENCES taak (id),
        pseudonymous_reference text NOT NULL,
        region text NOT NULL,
        to_type text NOT NULL,
        to_id text NOT NULL,
        purpose text NOT NULL,
        handover_reason text NOT NULL,
        contact_person text NOT NULL,
        first_contact_proposed_on date,
        response_due_at timestamptz NOT NULL,
        status text NOT NULL,
        answer_reason text,
        first_contact_planned_on date,
        escalated_at timestamptz,
        plaatsing_id uuid,
        placement_type text,
        follow_up_checks jsonb,
        offered_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX overdracht_region_status ON overdracht (region, status)');
    await q.query('CREATE INDEX overdracht_taak ON overdracht (taak_id)');
    await q.query('CREATE INDEX overdracht_plaatsing ON overdracht (plaatsing_id)');
    // One open offer per task at a time: a second receiver is asked only after the first answered.
    await q.query("CREATE UNIQUE INDEX overdracht_one_open_offer ON overdracht (taak_id) WHERE status = 'aangeboden'");
    await q.query(`
      CREATE TABLE overdracht_timer (
        overdracht_id uuid PRIMARY KEY REFERENCES overdracht (id),
        due_at timestamptz NOT NULL,
        fired_at timestamptz
      )`);
    await q.query('CREATE INDEX overdracht_timer_pending ON overdracht_timer (due_at) WHERE fired_at IS NULL');
    await q.query(`
      CREATE TABLE baton_event (
        event_id text PRIMARY KEY,
        pseudonymous_reference text NOT NULL,
        type text NOT NULL,
        time timestamptz NOT NULL,
        data jsonb NOT NULL
      )`);
    await q.query('CREATE INDEX baton_event_pseudonym ON baton_event (pseudonymous_reference)');
    await q.query(`
      CREATE TABLE baton_holder (
        pseudonymous_reference text PRIMARY KEY,
        holder_type text,
        holder_id text,
        regions text[] NOT NULL,
        conflicts int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE taak_herkomst (
        taak_id uuid PRIMARY KEY REFERENCES taak (id),
        previous_taak_id uuid REFERENCES taak (id),
        uitval_id uuid NOT NULL UNIQUE,
        plaatsing_id uuid NOT NULL,
        placement_type text NOT NULL,
        dropout_reason text NOT NULL,
        reported_by text NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE taak_herkomst, baton_holder, baton_event, overdracht_timer, overdracht');
  }
}
