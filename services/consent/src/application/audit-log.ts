import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WriteGroups } from '@estafette/service-kit';
import type { ChainLink } from '../domain/audit-chain.js';
import { DECISION_CHAIN } from '../persistence/chain-tables.js';
import { AuditChains, type Head } from './audit-chains.js';

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

/** A decision's audited fields, as jsonb gives them back (a type, not an interface: the chain links plain records). */
type DecisionFields = { decidedAt: string; request: unknown; outcome: unknown };

const toEntry = (link: ChainLink): AuditEntry => ({
  sequence: link.content.sequence,
  decidedAt: link.content.decidedAt as string,
  request: link.content.request,
  outcome: link.content.outcome,
  previousHash: link.previousHash,
  hash: link.hash,
});

/** Batches in the database at once: one committing while the next already waits for the chain's turn. */
const IN_FLIGHT = 2;

const INSERT = `INSERT INTO decision_audit (sequence, decided_at, request, outcome, previous_hash, hash)
  SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::jsonb[], $4::jsonb[], $5::text[], $6::text[])`;
/** The same insert, only when the chain's head is still the one the links were made after (else nothing). */
const INSERT_AFTER_HEAD = `${INSERT} WHERE (SELECT hash FROM decision_audit ORDER BY sequence DESC LIMIT 1) = $7 RETURNING sequence`;

/**
 * The append-only, keyed hash chain of every decision (decision-audit, AuditChains). The chain makes appends take
 * turns (an advisory lock until commit), and each turn costs a durable commit; so decisions waiting meanwhile are
 * appended together in the next turn (group commit: WriteGroups), and the next turn's batch is linked and waiting for the lock while
 * the previous one commits (two in flight; the next asks for the turn only once the previous has it and has linked). A decision is answered only after its entry committed: nothing is
 * permitted unaudited.
 *
 * The next batch is linked after the head the previous batch wrote, without reading it; its insert checks, after taking
 * the turn, that this is still the head (another instance appended, or the previous batch rolled back: then the head is
 * read and the batch linked again). So the chain never forks and never skips, whatever fails.
 */
@Injectable()
export class AuditLog {
  /** Turns in the database at once and the most decisions per turn; a failed turn fails its decisions (each would fail alone too). */
  private readonly turns = new WriteGroups<DecisionFields, AuditEntry>((fields) => this.appendBatch(fields), {
    maxGroup: MAX_BATCH,
    inFlight: IN_FLIGHT,
    isolateFailures: false,
  });
  /** The head after the batch handed to the database last, once linked; undefined when it did not get that far. */
  private headAfterLast: Promise<Head | undefined> = Promise.resolve(undefined);

  constructor(
    private readonly dataSource: DataSource,
    private readonly chains: AuditChains,
  ) {}

  append(request: object, outcome: object, decidedAt = new Date()): Promise<AuditEntry> {
    // Through JSON once, so the hash covers exactly what jsonb gives back (no undefined, no Dates).
    return this.turns.write({
      decidedAt: decidedAt.toISOString(),
      request: JSON.parse(JSON.stringify(request)) as unknown,
      outcome: JSON.parse(JSON.stringify(outcome)) as unknown,
    });
  }

  /**
   * One turn: links and inserts `fields`, tells the next batch the new head, commits, then answers. WriteGroups starts
   * the batches in order and this takes its place in the chain before its first await, so each batch links after the
   * head the batch before it writes.
   */
  private async appendBatch(fields: DecisionFields[]): Promise<AuditEntry[]> {
    const after = this.headAfterLast;
    let linked!: (head: Head | undefined) => void;
    this.headAfterLast = new Promise((resolve) => (linked = resolve));
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      // The previous batch's links first, then the turn: it has the turn until it commits, so asking for the turn
      // before it got it could take the turn away from it while waiting for it (a deadlock between the two).
      const previous = await after;
      await runner.query('SELECT pg_advisory_xact_lock($1)', [DECISION_CHAIN.lock]);
      let entries = previous && this.chains.linkAfter(DECISION_CHAIN, previous, fields).map(toEntry);
      if (entries) {
        const inserted = (await runner.query(INSERT_AFTER_HEAD, [...columnsOf(entries), previous!.hash])) as unknown[];
        if (inserted.length !== entries.length) entries = undefined;
      }
      if (!entries) {
        entries = (await this.chains.link(runner.manager, DECISION_CHAIN, fields)).map(toEntry);
        await runner.query(INSERT, columnsOf(entries));
      }
      const last = entries.at(-1)!;
      linked({ sequence: last.sequence, hash: last.hash });
      await runner.commitTransaction();
      return entries;
    } catch (error) {
      linked(undefined);
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => {});
      throw error;
    } finally {
      linked(undefined); // a no-op once linked: the next batch never waits forever
      await runner.release();
    }
  }
}

const columnsOf = (entries: AuditEntry[]) => [
  entries.map((e) => e.sequence),
  entries.map((e) => e.decidedAt),
  entries.map((e) => JSON.stringify(e.request)),
  entries.map((e) => JSON.stringify(e.outcome)),
  entries.map((e) => e.previousHash),
  entries.map((e) => e.hash),
];
