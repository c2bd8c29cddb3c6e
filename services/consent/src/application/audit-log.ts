import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { chainEntry, GENESIS_HASH, verifyChain, type AuditEntry, type ChainVerdict } from '../domain/audit-chain.js';

// One chain for the whole service: appends take turns on this lock, so two instances cannot fork it.
const CHAIN_LOCK = 0x7e57a_0001;
const VERIFY_BATCH = 5_000;

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

/** The append-only, hash-chained record of every decision. */
@Injectable()
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  async append(request: object, outcome: object, decidedAt = new Date()): Promise<AuditEntry> {
    return this.dataSource.transaction((manager) => this.appendIn(manager, request, outcome, decidedAt));
  }

  private async appendIn(manager: EntityManager, request: object, outcome: object, decidedAt: Date): Promise<AuditEntry> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const [head] = (await manager.query('SELECT sequence, hash FROM decision_audit ORDER BY sequence DESC LIMIT 1')) as { sequence: string; hash: string }[];
    // Through JSON once, so the hash covers exactly what jsonb will give back (no undefined, no Dates).
    const entry = chainEntry(head ? { sequence: Number(head.sequence), hash: head.hash } : undefined, {
      decidedAt: decidedAt.toISOString(),
      request: JSON.parse(JSON.stringify(request)),
      outcome: JSON.parse(JSON.stringify(outcome)),
    });
    await manager.query(
      'INSERT INTO decision_audit (sequence, decided_at, request, outcome, previous_hash, hash) VALUES ($1, $2, $3, $4, $5, $6)',
      [entry.sequence, entry.decidedAt, JSON.stringify(entry.request), JSON.stringify(entry.outcome), entry.previousHash, entry.hash],
    );
    return entry;
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
