import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections and withdrawals of an uitschrijving by its school: one row each, with the request's key (so the same
 * request again finds its row and changes nothing), and the withdrawal on the uitschrijving itself.
 */
export class UitschrijvingCorrectie1768600000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE uitschrijving_correctie (
        id uuid PRIMARY KEY,
        uitschrijving_id uuid NOT NULL REFERENCES uitschrijving (id),
        school_id text NOT NULL,
        kind text NOT NULL,
        reason text NOT NULL,
        request_key text NOT NULL,
        changes jsonb NOT NULL,
        correction_date date NOT NULL,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (uitschrijving_id, request_key)
      )`);
    await q.query('ALTER TABLE uitschrijving ADD COLUMN withdrawn_on date, ADD COLUMN withdrawal_reason text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE uitschrijving DROP COLUMN withdrawn_on, DROP COLUMN withdrawal_reason');
    await q.query('DROP TABLE uitschrijving_correctie');
  }
}
