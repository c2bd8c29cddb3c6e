import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMessagingOutbox1767225600000 implements MigrationInterface {
  name = 'CreateMessagingOutbox1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        position     bigserial PRIMARY KEY,
        event_id     text NOT NULL UNIQUE,
        type         text NOT NULL,
        topic        text NOT NULL,
        key          text NOT NULL,
        event        jsonb NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    // The relay only ever scans the unpublished tail; keep that scan small however long the history grows.
    await queryRunner.query(`CREATE INDEX outbox_unpublished ON outbox (position) WHERE published_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox`);
  }
}
