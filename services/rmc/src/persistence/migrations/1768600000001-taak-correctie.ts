import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A task's corrections and withdrawal by the school, one row per event (its id), with what the task did. */
export class TaakCorrectie1768600000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE taak_correctie (
        event_id uuid PRIMARY KEY,
        taak_id uuid NOT NULL REFERENCES taak (id),
        kind text NOT NULL,
        reason text NOT NULL,
        changes jsonb NOT NULL,
        outcome text NOT NULL,
        from_region text NOT NULL,
        to_region text NOT NULL,
        correction_date date NOT NULL,
        received_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX taak_correctie_taak ON taak_correctie (taak_id, received_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE taak_correctie');
  }
}
