import { dropAppendOnly, makeAppendOnly } from '@estafette/auth';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMonitor1767600000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // One row per event seen on the bus (event id is the key, so redelivery and replays count once).
    // subject is the pseudonym, kept only to join an event without a region to one with it; never returned.
    await q.query(`
      CREATE TABLE flow_event (
        event_id text PRIMARY KEY,
        type text NOT NULL,
        topic text NOT NULL,
        from_type text NOT NULL,
        to_type text NOT NULL,
        subject text NOT NULL,
        region text,
        municipality text,
        school text,
        event_time timestamptz NOT NULL,
        consumed_at timestamptz NOT NULL DEFAULT now(),
        latency_ms double precision NOT NULL
      )`);
    await q.query('CREATE INDEX flow_event_type_time ON flow_event (type, event_time)');
    await q.query('CREATE INDEX flow_event_subject ON flow_event (subject)');
    // The dead-letter record as it was (key, value, headers) so a replay sends it unchanged.
    await q.query(`
      CREATE TABLE dead_letter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dlq_topic text NOT NULL,
        dlq_partition int NOT NULL,
        dlq_offset text NOT NULL,
        original_topic text NOT NULL,
        original_partition int,
        original_offset text,
        consumer_group text,
        reason text NOT NULL,
        failed_at timestamptz,
        event_id text,
        event_type text,
        headers jsonb NOT NULL,
        record_key bytea,
        record_value bytea,
        received_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (dlq_topic, dlq_partition, dlq_offset)
      )`);
    await q.query('CREATE INDEX dead_letter_received ON dead_letter (received_at DESC)');
    await q.query(`
      CREATE TABLE dead_letter_replay (
        id bigserial PRIMARY KEY,
        dead_letter_id uuid NOT NULL REFERENCES dead_letter (id),
        target_topic text NOT NULL,
        replayed_by text NOT NULL,
        replayed_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The audit trail is append-only: the database refuses to change or remove a line.
    await makeAppendOnly(q, 'dead_letter_replay');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dead_letter_replay');
    await dropAppendOnly(q, 'dead_letter_replay');
    await q.query('DROP TABLE dead_letter');
    await q.query('DROP TABLE flow_event');
  }
}
