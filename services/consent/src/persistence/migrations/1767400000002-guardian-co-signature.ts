import { dropAppendOnly, makeAppendOnly } from '@estafette/auth';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Guardians co-sign; the age comes from the schools' records. Birth dates the young person typed are no longer
 * trusted: they are cleared, so an existing consent of someone no school has reported waits for a guardian.
 */
export class GuardianCoSignature1767400000002 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE toestemming ALTER COLUMN birth_date DROP NOT NULL');
    await q.query('UPDATE toestemming SET birth_date = NULL');
    await q.query('ALTER TABLE toestemming ADD COLUMN co_signed_by text, ADD COLUMN co_signed_at timestamptz');
    await q.query(`
      CREATE TABLE subject_age (
        subject text PRIMARY KEY,
        latest_birth_date date NOT NULL,
        source_event_id text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE toestemming_audit (
        id bigserial PRIMARY KEY,
        toestemming_id uuid NOT NULL,
        subject text NOT NULL,
        action text NOT NULL CHECK (action IN ('gegeven', 'medeondertekend', 'ingetrokken')),
        actor_role text NOT NULL,
        actor_subject text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX toestemming_audit_toestemming ON toestemming_audit (toestemming_id)');
    await makeAppendOnly(q, 'toestemming_audit');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE toestemming_audit');
    await dropAppendOnly(q, 'toestemming_audit');
    await q.query('DROP TABLE subject_age');
    await q.query('ALTER TABLE toestemming DROP COLUMN co_signed_by, DROP COLUMN co_signed_at');
  }
}
