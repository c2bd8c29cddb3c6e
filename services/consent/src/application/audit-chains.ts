import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditChainName } from '@estafette/contracts';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent-settings.js';
import { checkAgainstAnchor, type ChainAnchor } from '../domain/anchor-check.js';
import { GENESIS_HASH, linkEntry, LinkVerifier, type ChainLink, type ChainVerdict } from '../domain/audit-chain.js';
import { AuditKey, AuditKeyring, type ChainEpoch } from '../domain/audit-key.js';
import { CHAIN_TABLES, type ChainTable } from '../persistence/chain-tables.js';

const VERIFY_BATCH = 5_000;

/** A verdict with what it was checked against: the chain, when, and the anchor outside the database (if any). */
export type ChainReport = ChainVerdict & { chain: AuditChainName; verifiedAt: string; anchor: ChainAnchor | null };

interface Head {
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
    return row ? { sequence: Number(row.sequence), hash: row.hash } : { sequence: 0, hash: GENESIS_HASH };
  }

  private async epochs(manager: EntityManager, chain: string, order: 'ASC' | 'DESC' = 'ASC', limit = 1_000): Promise<ChainEpoch[]> {
    const rows = (await manager.query(
      `SELECT keyed_from, key_id, previous_head, seal FROM audit_chain_epoch WHERE chain = $1 ORDER BY keyed_from ${order} LIMIT $2`,
      [chain, limit],
    )) as { keyed_from: string; key_id: string; previous_head: string; seal: string }[];
    return rows.map((r) => ({ keyedFrom: Number(r.keyed_from), keyId: r.key_id, previousHead: r.previous_head, seal: r.seal }));
  }

  /**
   * Walks the whole chain in batches and reports the first problem: an entry changed (its keyed hash or a link does
   * not fit), the key scheme tampered with (an epoch removed, moved or changed), or the tail cut off (the head is below
   * an anchor or a key epoch). `anchors` are heads kept outside the database, newest knowledge first.
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
    const verifier = new LinkVerifier((sequence, previousHash) => scheme.hasherAt(sequence, previousHash));
    const columns = ['sequence', 'previous_hash', 'hash', ...table.columns].join(', ');
    for (let after = 0; ;) {
      const rows = (await manager.query(`SELECT ${columns} FROM ${table.table} WHERE sequence > $1 ORDER BY sequence LIMIT $2`, [
        after,
        VERIFY_BATCH,
      ])) as Record<string, unknown>[];
      if (rows.length === 0) break;
      const links = rows.map((r) => ({
        content: { ...table.fieldsOf(r), sequence: Number(r.sequence) },
        previousHash: String(r.previous_hash),
        hash: String(r.hash),
      }));
      if (verifier.feed(links)) break;
      after = Number(rows.at(-1)!.sequence);
    }
    const verdict = verifier.finish();
    if (!verdict.intact) return report(verdict);
    const atHead = scheme.checkHead(verdict.head);
    if (atHead) return report({ intact: false, checked: verdict.checked, ...atHead });
    const highest = [...anchors].sort((a, b) => b.sequence - a.sequence)[0] ?? null;
    for (const anchor of anchors) {
      const [row] = (await manager.query(`SELECT hash FROM ${table.table} WHERE sequence = $1`, [anchor.sequence])) as { hash: string }[];
      const problem = checkAgainstAnchor(verdict.head, anchor, row?.hash);
      if (problem) return report({ intact: false, checked: verdict.checked, ...problem }, anchor);
    }
    return report(verdict, highest);
  }
}

/** Without a configured key (a test that does not care, never main.ts): a random one, so nothing verifies after a restart. */
function ephemeralKeyring(log: Logger): AuditKeyring {
  log.warn('no audit key configured: using a random one for this process (set CONSENT_AUDIT_KEY)');
  return new AuditKeyring(new AuditKey(randomBytes(32).toString('base64url')));
}
