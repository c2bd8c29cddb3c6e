import { dropAppendOnly, makeAppendOnly } from '@estafette/auth';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDecisionAudit1767400000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE decision_audit (
        sequence bigint PRIMARY KEY,
        decided_at timestamptz NOT NULL,
        request jsonb NOT NULL,
        outcome jsonb NOT NULL,
        subject text GENERATED ALWAYS AS (request->>'subject') STORED,
        grondslag text GENERATED ALWAYS AS (outcome->'decidedBy'->>'grondslag') STORED,
        permit boolean GENERATED ALWAYS AS ((outcome->>'permit')::boolean) STORED,
        previous_hash text NOT NULL,
        hash text NOT NULL UNIQUE
      )`);
    await q.query('CREATE INDEX decision_audit_subject ON decision_audit (subject, sequence)');
    await q.query('CREATE INDEX decision_audit_decided_at ON decision_audit (decided_at)');
    // Append-only even for the service's own user; only a superuser disabling the trigger gets past,
    // and then the hash chain tells.
    await makeAppendOnly(q, 'decision_audit');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE decision_audit');
    await dropAppendOnly(q, 'decision_audit');
  }
}
