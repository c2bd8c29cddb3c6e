import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlState } from '@estafette/messaging';
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

/** One turn in the database at a time: a turn is one statement, and the next links after the head it wrote. */
const IN_FLIGHT = 1;
/** SQLSTATE unique_violation: an entry with this sequence (or hash) is there already, another writer came first. */
const TAKEN = '23505';

/** The entries as one JSON array (their AuditEntry fields): one string to send, not six arrays each escaped again. */
const ENTRIES = `jsonb_to_recordset($1::jsonb) AS entry(sequence bigint, "decidedAt" timestamptz, request jsonb, outcome jsonb,
  "previousHash" text, hash text)`;
const INSERT = `INSERT INTO decision_audit (sequence, decided_at, request, outcome, previous_hash, hash)
  SELECT sequence, "decidedAt", request, outcome, "previousHash", hash FROM ${ENTRIES}`;
/**
 * A turn in one statement that commits on its own: the chain's lock (until that commit), then the insert, only when
 * the head is still the one the entries were linked after (else no rows). The head is read in the statement's
 * snapshot, which may be from before the wait for the lock; a writer that committed meanwhile holds the next sequence,
 * and the primary key refuses the insert. Either way nothing is written.
 */
const INSERT_IN_TURN = `WITH turn AS MATERIALIZED (SELECT pg_advisory_xact_lock($3))
  INSERT INTO decision_audit (sequence, decided_at, request, outcome, previous_hash, hash)
  SELECT sequence, "decidedAt", request, outcome, "previousHash", hash FROM turn, ${ENTRIES}
  WHERE (SELECT hash FROM decision_audit ORDER BY sequence DESC LIMIT 1) = $2
  RETURNING sequence`;

/**
 * The append-only, keyed hash chain of every decision (decision-audit, AuditChains). Appends take turns on the chain's
 * lock, and each turn costs a durable commit; so decisions waiting meanwhile are appended together in the next turn
 * (group commit: WriteGroups). A turn after one of this process's own is linked after the head that turn wrote, without
 * reading it, and is one statement (INSERT_IN_TURN: lock, head check, insert and commit in one round trip). After a
 * start, a failed turn or another writer's entries, the turn is a transaction that takes the lock, reads the head and
 * links after it. A decision is answered only after its entry committed: nothing is permitted unaudited. So the chain
 * never forks and never skips, whatever fails.
 *
 * One turn at a time: a second one sent while the first commits would read its head check's snapshot before that
 * commit, find another head and be taken again the slow way. (Tried: two in flight with the check in a function that
 * reads after the lock; the second turn's backend often took the lock first, and a third of the turns fell back.)
 */
@Injectable()
export class AuditLog {
  /** Turns in the database at once and the most decisions per turn; a failed turn fails its decisions (each would fail alone too). */
  private readonly turns = new WriteGroups<DecisionFields, AuditEntry>((fields) => this.appendBatch(fields), {
    maxGroup: MAX_BATCH,
    inFlight: IN_FLIGHT,
    isolateFailures: false,
  });
  /** The head this process's last turn wrote; undefined after a start or a failure (then it is read). */
  private head: Head | undefined;

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

  /** One turn: `fields` linked and committed, in order; throws when nothing of them was written. */
  private async appendBatch(fields: DecisionFields[]): Promise<AuditEntry[]> {
    const after = this.head;
    this.head = undefined; // known again once this turn committed
    const entries = (after && (await this.appendInTurn(after, fields))) ?? (await this.appendAfterReadHead(fields));
    this.head = { sequence: entries.at(-1)!.sequence, hash: entries.at(-1)!.hash };
    return entries;
  }

  /** The one-statement turn; undefined when another writer's entries came in between (nothing written then). */
  private async appendInTurn(after: Head, fields: DecisionFields[]): Promise<AuditEntry[] | undefined> {
    const entries = this.chains.linkAfter(DECISION_CHAIN, after, fields).map(toEntry);
    try {
      const inserted = (await this.dataSource.query(INSERT_IN_TURN, [
        JSON.stringify(entries),
        after.hash,
        DECISION_CHAIN.lock,
      ])) as unknown[];
      return inserted.length === entries.length ? entries : undefined;
    } catch (error) {
      if (sqlState(error) === TAKEN) return undefined;
      throw error;
    }
  }

  /** The turn as a transaction: the lock, the head as it is, and the links after it. */
  private appendAfterReadHead(fields: DecisionFields[]): Promise<AuditEntry[]> {
    return this.dataSource.transaction(async (manager) => {
      const entries = (await this.chains.link(manager, DECISION_CHAIN, fields)).map(toEntry);
      await manager.query(INSERT, [JSON.stringify(entries)]);
      return entries;
    });
  }
}
