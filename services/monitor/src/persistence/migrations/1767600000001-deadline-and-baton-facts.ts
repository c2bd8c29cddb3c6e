import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What deadlines and the baton need of an event, and no more: the handover it belongs to, its answer
 * deadline, and the organisations that pass the baton (data minimisation: no ages, dates or reasons).
 */
export class DeadlineAndBatonFacts1767600000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE flow_event ADD COLUMN overdracht_id text, ADD COLUMN due_at timestamptz, ADD COLUMN baton_facts jsonb');
    await q.query('CREATE INDEX flow_event_overdracht ON flow_event (overdracht_id) WHERE overdracht_id IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE flow_event DROP COLUMN overdracht_id, DROP COLUMN due_at, DROP COLUMN baton_facts');
  }
}
