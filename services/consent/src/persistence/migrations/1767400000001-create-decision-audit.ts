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
    await q.query(`
      CREATE FUNCTION decision_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'decision_audit is append-only'; END $$`);
    await q.query(`CREATE TRIGGER decision_audit_no_update_delete BEFORE UPDATE OR DELETE ON decision_audit
      FOR EACH ROW EXECUTE FUNCTION decision_audit_append_only()`);
    await q.query(`CREATE TRIGGER decision_audit_no_truncate BEFORE TRUNCATE ON decision_audit
      FOR EACH STATEMENT EXECUTE FUNCTION decision_audit_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE decision_audit');
    await q.query('DROP FUNCTION decision_audit_append_only()');
  }
}
