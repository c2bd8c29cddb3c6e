import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The check type and outcome of a follow-up check: enums from the contract, nothing about the person. */
export class FollowUpOutcome1767600000002 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE flow_event ADD COLUMN follow_up_check text, ADD COLUMN follow_up_outcome text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE flow_event DROP COLUMN follow_up_check, DROP COLUMN follow_up_outcome');
  }
}
