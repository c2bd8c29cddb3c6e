import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Held outbox rows (OutboxHold): `held_by` names the hold, the relay's index leaves held rows out, and a second partial
 * index finds a young person's held rows by key in position order (the relay's per-key check). The indexes are built
 * in the migration's transaction, not CONCURRENTLY: each reads the whole outbox once while writes to it wait (seconds
 * for the retained history here). A relay of the version before this one, still running during a deploy, finds no index
 * for its read and scans the table until it is replaced.
 */
export class HoldOutboxRows1769000000000 implements MigrationInterface {
  name = 'HoldOutboxRows1769000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox ADD COLUMN held_by text`);
    await queryRunner.query(`DROP INDEX outbox_unpublished`);
    await queryRunner.query(`CREATE INDEX outbox_unpublished ON outbox (position) WHERE published_at IS NULL AND held_by IS NULL`);
    await queryRunner.query(`CREATE INDEX outbox_held ON outbox (key, position) WHERE held_by IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX outbox_held`);
    await queryRunner.query(`DROP INDEX outbox_unpublished`);
    await queryRunner.query(`ALTER TABLE outbox DROP COLUMN held_by`);
    await queryRunner.query(`CREATE INDEX outbox_unpublished ON outbox (position) WHERE published_at IS NULL`);
  }
}
