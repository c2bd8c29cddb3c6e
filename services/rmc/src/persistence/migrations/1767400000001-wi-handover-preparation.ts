import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WiHandoverPreparation1767400000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE taak ADD COLUMN wi_handover_due_since timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE taak DROP COLUMN wi_handover_due_since');
  }
}
