import { makeAppendOnly } from '@estafette/auth';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { linkEntry, plainHash, type ChainLink } from '../../domain/audit-chain.js';
import { TOESTEMMING_CHAIN } from '../chain-tables.js';

const BATCH = 5_000;

/**
 * Keyed audit chains (services/consent README, Audit log). `audit_chain_epoch` records per chain from which sequence
 * which key hashes it; the service writes the first epoch with its key at start-up, after the entries that exist, so
 * every entry written before keeps verifying as plain SHA-256 and the key protects them from then on.
 * `toestemming_audit` had no chain: its rows get one here, plain SHA-256 in id order, as the decisions had.
 */
export class KeyedAuditChains1768800000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_chain_epoch (
        chain text NOT NULL,
        keyed_from bigint NOT NULL CHECK (keyed_from > 0),
        key_id text NOT NULL,
        previous_head text NOT NULL,
        seal text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (chain, keyed_from)
      )`);
    await makeAppendOnly(q, 'audit_chain_epoch');

    await q.query('ALTER TABLE toestemming_audit ADD COLUMN sequence bigint, ADD COLUMN previous_hash text, ADD COLUMN hash text');
    // The one time these rows are written twice: by the schema's owner, inside this migration's transaction.
    await q.query('ALTER TABLE toestemming_audit DISABLE TRIGGER toestemming_audit_no_update_delete');
    let previous: ChainLink | undefined;
    for (let lastId = '0'; ;) {
      const rows = (await q.query(
        `SELECT id, ${TOESTEMMING_CHAIN.columns.join(', ')} FROM toestemming_audit WHERE id > $1 ORDER BY id LIMIT $2`,
        [lastId, BATCH],
      )) as Record<string, unknown>[];
      if (rows.length === 0) break;
      const links = rows.map(
        (row) =>
          (previous = linkEntry(
            previous && { sequence: previous.content.sequence, hash: previous.hash },
            TOESTEMMING_CHAIN.fieldsOf(row),
            plainHash,
          )),
      );
      await q.query(
        `UPDATE toestemming_audit t SET sequence = u.sequence, previous_hash = u.previous_hash, hash = u.hash
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS u(id, sequence, previous_hash, hash) WHERE t.id = u.id`,
        [rows.map((r) => r.id), links.map((l) => l.content.sequence), links.map((l) => l.previousHash), links.map((l) => l.hash)],
      );
      lastId = String(rows.at(-1)!.id);
    }
    await q.query('ALTER TABLE toestemming_audit ENABLE TRIGGER toestemming_audit_no_update_delete');
    await q.query(`ALTER TABLE toestemming_audit ALTER COLUMN sequence SET NOT NULL, ALTER COLUMN previous_hash SET NOT NULL,
      ALTER COLUMN hash SET NOT NULL, ADD CONSTRAINT toestemming_audit_sequence UNIQUE (sequence)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE toestemming_audit DROP COLUMN sequence, DROP COLUMN previous_hash, DROP COLUMN hash');
    await q.query('DROP TABLE audit_chain_epoch');
    await q.query('DROP FUNCTION IF EXISTS audit_chain_epoch_append_only() CASCADE');
  }
}
