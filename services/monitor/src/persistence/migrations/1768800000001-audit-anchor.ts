import { makeAppendOnly } from '@estafette/auth';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consent service's audit anchors as the monitor saw them on the bus (audit.anchored): a copy of the chain heads
 * outside the consent database. Append-only; one row per event id, so a redelivery adds nothing.
 */
export class AuditAnchor1768800000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_anchor (
        event_id text PRIMARY KEY,
        chain text NOT NULL,
        sequence bigint NOT NULL CHECK (sequence >= 0),
        head_hash text NOT NULL CHECK (head_hash ~ '^[0-9a-f]{64}$'),
        anchored_at timestamptz NOT NULL,
        source text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX audit_anchor_chain_sequence ON audit_anchor (chain, sequence DESC)');
    await makeAppendOnly(q, 'audit_anchor');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_anchor');
    await q.query('DROP FUNCTION IF EXISTS audit_anchor_append_only() CASCADE');
  }
}
