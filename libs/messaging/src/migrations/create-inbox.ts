import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMessagingInbox1767225600001 implements MigrationInterface {
  name = 'CreateMessagingInbox1767225600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inbox (
        consumer_group text NOT NULL,
        event_id       text NOT NULL,
        type           text NOT NULL,
        processed_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox`);
  }
}
