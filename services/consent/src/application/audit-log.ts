import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChainLink } from '../domain/audit-chain.js';
import { DECISION_CHAIN } from '../persistence/chain-tables.js';
import { AuditChains } from './audit-chains.js';

const MAX_BATCH = 500;

/** A decision as audited: its place in the chain and its keyed hash. */
export interface AuditEntry {
  sequence: number;
  decidedAt: string;
  request: unknown;
  outcome: unknown;
  previousHash: string;
  hash: string;
}

interface Pending {
  fields: { decidedAt: string; request: unknown; outcome: unknown };
  resolve: (entry: AuditEntry) => void;
  reject: (error: unknown) => void;
}

const toEntry = (link: ChainLink): AuditEntry => ({
  sequence: link.content.sequence,
  decidedAt: link.content.decidedAt as string,
  request: link.content.request,
  outcome: link.content.outcome,
  previousHash: link.previousHash,
  hash: link.hash,
});

/**
 * The append-only, keyed hash chain of every decision (decision-audit, AuditChains). The chain makes appends take
 * turns, and each turn costs a commit; so decisions waiting meanwhile are appended together in the next turn (group
 * commit). A decision is answered only after its entry committed: nothing is permitted unaudited.
 */
@Injectable()
export class AuditLog {
  private readonly queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly chains: AuditChains,
  ) {}

  append(request: object, outcome: object, decidedAt = new Date()): Promise<AuditEntry> {
    return new Promise((resolve, reject) => {
      // Through JSON once, so the hash covers exactly what jsonb gives back (no undefined, no Dates).
      const fields = {
        decidedAt: decidedAt.toISOString(),
        request: JSON.parse(JSON.stringify(request)) as unknown,
        outcome: JSON.parse(JSON.stringify(outcome)) as unknown,
      };
      this.queue.push({ fields, resolve, reject });
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
          const entries = await this.dataSource.transaction(async (manager) => {
            const links = await this.chains.link(
              manager,
              DECISION_CHAIN,
              batch.map((p) => p.fields),
            );
            const entries = links.map(toEntry);
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
          });
          batch.forEach((p, i) => p.resolve(entries[i]!));
        } catch (error) {
          batch.forEach((p) => p.reject(error));
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
