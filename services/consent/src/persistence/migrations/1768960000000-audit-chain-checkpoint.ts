import { dropAppendOnly, makeAppendOnly } from '@estafette/auth';
import { allowDeletePastPeriod, refuseEveryDelete } from '@estafette/privacy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chains' bewaartermijn (docs/security.md, Audit chains: pruning). `audit_chain_checkpoint` (append-only)
 * records per prune where a chain now starts, sealed with the chain key; the triggers of both chains now allow DELETE
 * of an entry older than seven years by the database clock, and still refuse UPDATE, TRUNCATE and younger entries.
 * Removing entries without a checkpoint leaves a gap at the start, which the verification reports.
 */
export class AuditChainCheckpoint1768960000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_chain_checkpoint (
        chain text NOT NULL,
        pruned_through bigint NOT NULL CHECK (pruned_through > 0),
        head_hash text NOT NULL,
        key_id text NOT NULL,
        seal text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (chain, pruned_through)
      )`);
    await makeAppendOnly(q, 'audit_chain_checkpoint');
    // Written out, not the table's period: a changed period needs a new migration (the retention test compares them).
    await allowDeletePastPeriod(q, 'decision_audit', 'decided_at', { years: 7 });
    await allowDeletePastPeriod(q, 'toestemming_audit', 'at', { years: 7 });
  }

  async down(q: QueryRunner): Promise<void> {
    await refuseEveryDelete(q, 'toestemming_audit');
    await refuseEveryDelete(q, 'decision_audit');
    await q.query('DROP TABLE audit_chain_checkpoint');
    await dropAppendOnly(q, 'audit_chain_checkpoint');
  }
}
