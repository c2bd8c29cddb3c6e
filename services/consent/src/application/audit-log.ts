import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { chainEntry, GENESIS_HASH, verifyChain, type AuditContent, type AuditEntry, type ChainVerdict } from '../domain/audit-chain.js';

// One chain for the whole service: appends take turns on this lock, so two instances cannot fork it.
const CHAIN_LOCK = 0x7e57a_0001;
const VERIFY_BATCH = 5_000;
const MAX_BATCH = 500;

interface Row {
  sequence: string;
  decided_at: Date;
  request: unknown;
  outcome: unknown;
  previous_hash: string;
  hash: string;
}

const toEntry = (r: Row): AuditEntry => ({
  sequence: Number(r.sequence),
  decidedAt: r.decided_at.toISOString(),
  request: r.request,
  outcome: r.outcome,
  previousHash: r.previous_hash,
  hash: r.hash,
});

interface Pending {
  content: Omit<AuditContent, 'sequence'>;
  resolve: (entry: AuditEntry) => void;
  reject: (error: unknown) => void;
}

/**
 * The append-only, hash-chained record of every decision. The chain makes appends take turns, and each
 * turn costs a commit; so decisions waiting meanwhile are appended together in the next turn (group
 * commit). A decision is answered only after its entry committed: nothing is permitted unaudited.
 */
@Injectable()
export class AuditLog {
  private readonly queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly dataSource: DataSource) {}

  append(request: object, outcome: object, decidedAt = new Date()): Promise<AuditEntry> {
    return new Promise((resolve, reject) => {
      // Through JSON once, so the hash covers exactly what jsonb gives back (no undefined, no Dates).
      const content = {
        decidedAt: decidedAt.toISOString(),
        request: JSON.parse(JSON.stringify(request)),
        outcome: JSON.parse(JSON.stringify(outcome)),
      };
      this.queue.push({ content, resolve, reject });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const entries = await this.dataSource.transaction((manager) =>
            this.appendBatch(
              manager,
              batch.map((p) => p.content),
            ),
          );
          batch.forEach((p, i) => p.resolve(entries[i]!));
        } catch (error) {
          batch.forEach((p) => p.reject(error));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async appendBatch(manager: EntityManager, contents: Omit<AuditContent, 'sequence'>[]): Promise<AuditEntry[]> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const [head] = (await manager.query('SELECT sequence, hash FROM decision_audit ORDER BY sequence DESC LIMIT 1')) as {
      sequence: string;
      hash: string;
    }[];
    let previous = head ? { sequence: Number(head.sequence), hash: head.hash } : undefined;
    const entries = contents.map((content) => (previous = chainEntry(previous, content)));
    await manager.query(
      `INSERT INTO decision_audit (sequence, decided_at, request, outcome, previous_hash, hash)
       SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::jsonb[], $4::jsonb[], $5::text[], $6::text[])`,
      [
        entries.map((e) => e.sequence),
        entries.map((e) => e.decidedAt),
        entries.map((e) => JSON.stringify(e.request)),
        entries.map((e) => JSON.stringify(e.outcome)),
        entries.map((e) => e.previousHash),
        entries.map((e) => e.hash),
      ],
    );
    return entries;
  }

  /** Walks the whole chain in batches; the first broken link is reported by its sequence number. */
  async verify(): Promise<ChainVerdict> {
    let start = { sequence: 0, hash: GENESIS_HASH };
    let checked = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        'SELECT sequence, decided_at, request, outcome, previous_hash, hash FROM decision_audit WHERE sequence > $1 ORDER BY sequence LIMIT $2',
        [start.sequence, VERIFY_BATCH],
      )) as Row[];
      if (rows.length === 0) return { intact: true, checked, lastHash: start.hash };
      const verdict = verifyChain(rows.map(toEntry), start);
      if (!verdict.intact) return { ...verdict, checked: checked + verdict.checked };
      checked += verdict.checked;
      start = { sequence: Number(rows.at(-1)!.sequence), hash: verdict.lastHash };
    }
  }
}
