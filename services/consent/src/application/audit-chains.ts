import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditChainName } from '@estafette/contracts';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent-settings.js';
import { checkAgainstAnchor, type ChainAnchor } from '../domain/anchor-check.js';
import { GENESIS_HASH, linkEntry, LinkVerifier, type ChainLink, type ChainVerdict } from '../domain/audit-chain.js';
import { AuditKey, AuditKeyring, type ChainCheckpoint, type ChainEpoch, type ChainScheme } from '../domain/audit-key.js';
import { CHAIN_TABLES, type ChainTable } from '../persistence/chain-tables.js';

const VERIFY_BATCH = 5_000;

/** A verdict with what it was checked against: the chain, when, and the anchor outside the database (if any). */
export type ChainReport = ChainVerdict & { chain: AuditChainName; verifiedAt: string; anchor: ChainAnchor | null };

export interface Head {
  sequence: number;
  hash: string;
}

/**
 * The consent service's keyed audit chains (decision-audit, toestemming-audit): links new entries with the current
 * key, and verifies a whole chain: every link, the key epochs, and the head against the anchors held outside the
 * database. The key never reaches the database; only its id and per-epoch seals do.
 */
@Injectable()
export class AuditChains implements OnApplicationBootstrap {
  private readonly log = new Logger(AuditChains.name);
  readonly keyring: AuditKeyring;
  /** Chains whose current-key epoch this process has seen or written. */
  private readonly epochReady = new Set<AuditChainName>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONSENT_SETTINGS) settings: ConsentSettings,
  ) {
    this.keyring = settings.audit?.keyring ?? ephemeralKeyring(this.log);
  }

  /** Seals the entries there are under the current key before anything else is written (an upgrade, a new key). */
  async onApplicationBootstrap(): Promise<void> {
    for (const table of CHAIN_TABLES) await this.dataSource.transaction((manager) => this.link(manager, table, []));
  }

  /**
   * In the caller's transaction: takes the chain's turn (advisory lock until commit), makes sure the current key has
   * its epoch, and links `fields` after the head with the current key. The caller inserts the links.
   */
  async link(manager: EntityManager, table: ChainTable, fields: Record<string, unknown>[]): Promise<ChainLink[]> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [table.lock]);
    const head = await this.head(manager, table);
    if (!this.epochReady.has(table.chain)) await this.ensureEpoch(manager, table, head);
    return this.linkAfter(table, head, fields);
  }

  /**
   * Links `fields` after `head` with the current key, without the database: only for a head this process just wrote
   * (the caller holds the chain's turn and checks in its insert that the head is still this one; see AuditLog), and
   * only after `link` has made sure of the current key's epoch.
   */
  linkAfter(table: ChainTable, head: Head, fields: Record<string, unknown>[]): ChainLink[] {
    if (!this.epochReady.has(table.chain)) throw new Error(`${table.chain}: linkAfter before the key's epoch is known`);
    const hasher = this.keyring.current.hasher(table.chain);
    let previous: Head | undefined = head.sequence > 0 ? head : undefined;
    return fields.map((f) => {
      const link = linkEntry(previous, f, hasher);
      previous = { sequence: link.content.sequence, hash: link.hash };
      return link;
    });
  }

  private async ensureEpoch(manager: EntityManager, table: ChainTable, head: Head): Promise<void> {
    const [latest] = await this.epochs(manager, table.chain, 'DESC', 1);
    if (latest?.keyId !== this.keyring.current.id) {
      const epoch = this.keyring.newEpoch(table.chain, head.sequence + 1, head.hash);
      await manager.query('INSERT INTO audit_chain_epoch (chain, keyed_from, key_id, previous_head, seal) VALUES ($1, $2, $3, $4, $5)', [
        table.chain,
        epoch.keyedFrom,
        epoch.keyId,
        epoch.previousHead,
        epoch.seal,
      ]);
      this.log.log(`${table.chain}: key ${epoch.keyId} hashes the chain from entry ${epoch.keyedFrom}`);
    }
    this.epochReady.add(table.chain);
  }

  private async head(manager: EntityManager, table: ChainTable): Promise<Head> {
    const [row] = (await manager.query(`SELECT sequence, hash FROM ${table.table} ORDER BY sequence DESC LIMIT 1`)) as {
      sequence: string;
      hash: string;
    }[];
    if (row) return { sequence: Number(row.sequence), hash: row.hash };
    const checkpoint = await this.checkpoint(manager, table.chain);
    return checkpoint ? { sequence: checkpoint.prunedThrough, hash: checkpoint.headHash } : { sequence: 0, hash: GENESIS_HASH };
  }

  /** The chain's latest prune checkpoint (where its entries now start), unchecked; undefined when never pruned. */
  private async checkpoint(manager: EntityManager, chain: string): Promise<ChainCheckpoint | undefined> {
    const [row] = (await manager.query(
      `SELECT pruned_through, head_hash, key_id, seal FROM audit_chain_checkpoint WHERE chain = $1 ORDER BY pruned_through DESC LIMIT 1`,
      [chain],
    )) as { pruned_through: string; head_hash: string; key_id: string; seal: string }[];
    return row && { prunedThrough: Number(row.pruned_through), headHash: row.head_hash, keyId: row.key_id, seal: row.seal };
  }

  /**
   * Where verification starts: after the latest checkpoint when its seal fits, else the genesis (no checkpoint); a
   * problem when the checkpoint cannot be trusted.
   */
  private async start(manager: EntityManager, table: ChainTable): Promise<Head | { problem: string; brokenAt: number }> {
    const checkpoint = await this.checkpoint(manager, table.chain);
    if (!checkpoint) return { sequence: 0, hash: GENESIS_HASH };
    const problem = this.keyring.checkpointProblem(table.chain, checkpoint);
    if (problem) return { problem, brokenAt: checkpoint.prunedThrough + 1 };
    return { sequence: checkpoint.prunedThrough, hash: checkpoint.headHash };
  }

  private async epochs(manager: EntityManager, chain: string, order: 'ASC' | 'DESC' = 'ASC', limit = 1_000): Promise<ChainEpoch[]> {
    const rows = (await manager.query(
      `SELECT keyed_from, key_id, previous_head, seal FROM audit_chain_epoch WHERE chain = $1 ORDER BY keyed_from ${order} LIMIT $2`,
      [chain, limit],
    )) as { keyed_from: string; key_id: string; previous_head: string; seal: string }[];
    return rows.map((r) => ({ keyedFrom: Number(r.keyed_from), keyId: r.key_id, previousHead: r.previous_head, seal: r.seal }));
  }

  /**
   * Walks the chain from its start (the genesis, or the latest prune checkpoint whose seal fits) in batches and reports
   * the first problem: an entry changed (its keyed hash or a link does not fit), entries removed at the start without a
   * checkpoint, a checkpoint forged, the key scheme tampered with (an epoch removed, moved or changed), or the tail cut
   * off (the head is below an anchor or a key epoch). `anchors` are heads kept outside the database, newest knowledge
   * first; an anchor inside the pruned range is covered by the checkpoint (that range was verified when it was pruned).
   */
  async verify(table: ChainTable, anchors: readonly ChainAnchor[], now = new Date()): Promise<ChainReport> {
    const report = (verdict: ChainVerdict, anchor: ChainAnchor | null = null): ChainReport => ({
      chain: table.chain,
      verifiedAt: now.toISOString(),
      anchor,
      ...verdict,
    });
    const manager = this.dataSource.manager;
    const scheme = this.keyring.schemeOf(table.chain, await this.epochs(manager, table.chain));
    if (!('hasherAt' in scheme)) return report({ intact: false, checked: 0, ...scheme });
    const start = await this.start(manager, table);
    if ('problem' in start) return report({ intact: false, checked: 0, kind: 'changed', ...start });
    const verdict = await this.walk(manager, table, scheme, start);
    if (!verdict.intact) return report(verdict);
    const atHead = scheme.checkHead(verdict.head);
    if (atHead) return report({ intact: false, checked: verdict.checked, ...atHead });
    const highest = [...anchors].sort((a, b) => b.sequence - a.sequence)[0] ?? null;
    for (const anchor of anchors) {
      if (anchor.sequence < start.sequence) continue;
      const [row] = (await manager.query(`SELECT hash FROM ${table.table} WHERE sequence = $1`, [anchor.sequence])) as { hash: string }[];
      // The anchored entry was the last one pruned: the checkpoint holds its hash.
      const hashAtAnchor = anchor.sequence === start.sequence ? start.hash : row?.hash;
      const problem = checkAgainstAnchor(verdict.head, anchor, hashAtAnchor);
      if (problem) return report({ intact: false, checked: verdict.checked, ...problem }, anchor);
    }
    return report(verdict, highest);
  }

  /** Every link after `start` (through `through` when given), in batches. */
  private async walk(
    manager: EntityManager,
    table: ChainTable,
    scheme: ChainScheme,
    start: Head,
    through = Infinity,
  ): Promise<ChainVerdict> {
    const verifier = new LinkVerifier((sequence, previousHash) => scheme.hasherAt(sequence, previousHash), start);
    const columns = ['sequence', 'previous_hash', 'hash', ...table.columns].join(', ');
    for (let after = start.sequence; after < through;) {
      const rows = (await manager.query(
        `SELECT ${columns} FROM ${table.table} WHERE sequence > $1 AND sequence <= $2 ORDER BY sequence LIMIT $3`,
        [after, Number.isFinite(through) ? through : Number.MAX_SAFE_INTEGER, VERIFY_BATCH],
      )) as Record<string, unknown>[];
      if (rows.length === 0) break;
      const links = rows.map((r) => ({
        content: { ...table.fieldsOf(r), sequence: Number(r.sequence) },
        previousHash: String(r.previous_hash),
        hash: String(r.hash),
      }));
      if (verifier.feed(links)) break;
      after = Number(rows.at(-1)!.sequence);
    }
    return verifier.finish();
  }

  /**
   * In the caller's transaction, one retention batch of a chain: removes its oldest entries, at most `batchSize`, whose
   * moment (decided_at / at) is before `cutoff`, and only a whole prefix (an entry goes only with every entry before
   * it). First verifies the range it removes, from the current start through the entry after it, with the key epochs;
   * a broken range is not pruned (0, logged: the chain's own alert shows it). Then writes the sealed checkpoint (the
   * last removed entry's hash, which the first remaining one links to) and deletes; the table's trigger refuses any
   * entry younger than `period` (a PostgreSQL interval) by the database clock, so the prefix also stops before the
   * first such entry when the two clocks differ. Returns the entries removed.
   */
  async prune(
    manager: EntityManager,
    table: ChainTable,
    cutoff: Date,
    period: string,
    batchSize: number,
  ): Promise<{ rows: number; more: boolean }> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [table.lock]);
    const scheme = this.keyring.schemeOf(table.chain, await this.epochs(manager, table.chain));
    const start = await this.start(manager, table);
    if (!('hasherAt' in scheme)) return this.refusePrune(table, scheme);
    if ('problem' in start) return this.refusePrune(table, start);
    const [{ through }] = (await manager.query(
      `SELECT least(
         $2::bigint + $3::bigint,
         coalesce(
           (SELECT min(sequence) - 1 FROM ${table.table} WHERE ${table.momentColumn} >= least($1, now() - $4::interval)),
           (SELECT max(sequence) FROM ${table.table}),
           $2::bigint)
       )::bigint AS through`,
      [cutoff, start.sequence, batchSize, period],
    )) as [{ through: string | null }];
    const last = Number(through ?? 0);
    if (last <= start.sequence) return { rows: 0, more: false };
    const verdict = await this.walk(manager, table, scheme, start, last + 1);
    if (!verdict.intact) return this.refusePrune(table, verdict);
    if (verdict.head.sequence < last)
      return this.refusePrune(table, { brokenAt: verdict.head.sequence + 1, problem: 'entries are missing' });
    const [removed] = (await manager.query(`SELECT hash FROM ${table.table} WHERE sequence = $1`, [last])) as { hash: string }[];
    const checkpoint = this.keyring.newCheckpoint(table.chain, last, removed!.hash);
    await manager.query('INSERT INTO audit_chain_checkpoint (chain, pruned_through, head_hash, key_id, seal) VALUES ($1, $2, $3, $4, $5)', [
      table.chain,
      checkpoint.prunedThrough,
      checkpoint.headHash,
      checkpoint.keyId,
      checkpoint.seal,
    ]);
    const result = (await manager.query(`DELETE FROM ${table.table} WHERE sequence > $1 AND sequence <= $2`, [start.sequence, last])) as [
      unknown,
      number,
    ];
    const rows = result[1];
    if (rows !== last - start.sequence)
      throw new Error(`${table.chain}: pruning removed ${rows} entries, expected ${last - start.sequence}`);
    this.log.log(`${table.chain}: entries ${start.sequence + 1} to ${last} removed past their bewaartermijn (checkpoint sealed)`);
    return { rows, more: rows === batchSize };
  }

  private refusePrune(table: ChainTable, problem: { brokenAt: number; problem: string }): { rows: number; more: boolean } {
    this.log.error(`${table.chain}: not pruned, the chain is not intact at entry ${problem.brokenAt}: ${problem.problem}`);
    return { rows: 0, more: false };
  }
}

/** Without a configured key (a test that does not care, never main.ts): a random one, so nothing verifies after a restart. */
function ephemeralKeyring(log: Logger): AuditKeyring {
  log.warn('no audit key configured: using a random one for this process (set CONSENT_AUDIT_KEY)');
  return new AuditKeyring(new AuditKey(randomBytes(32).toString('base64url')));
}
