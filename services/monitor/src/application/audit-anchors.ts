import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUDIT_CHAINS, auditAnchored, type AuditAnchoredData, type AuditChainName, type CloudEvent } from '@estafette/contracts';
import { pageOf, type Page } from '@estafette/service-kit';

export interface AnchorView {
  chain: AuditChainName;
  sequence: number;
  headHash: string;
  anchoredAt: string;
  receivedAt: string;
}

interface AnchorRow {
  chain: AuditChainName;
  sequence: string;
  head_hash: string;
  anchored_at: Date;
  received_at: Date;
}

const view = (r: AnchorRow): AnchorView => ({
  chain: r.chain,
  sequence: Number(r.sequence),
  headHash: r.head_hash,
  anchoredAt: r.anchored_at.toISOString(),
  receivedAt: r.received_at.toISOString(),
});

/**
 * The anchors of the consent service's audit chains as seen on the bus: stored append-only, listed, and per chain the
 * highest. A second copy of the heads outside the consent database, for people (the ops page) and for comparison.
 */
@Injectable()
export class AuditAnchors {
  constructor(private readonly db: DataSource) {}

  /** Stores an audit.anchored event (other types are ignored); the same event twice is stored once. */
  async record(event: CloudEvent): Promise<void> {
    if (event.type !== auditAnchored.type) return;
    const data = event.data as AuditAnchoredData;
    await this.db.query(
      `INSERT INTO audit_anchor (event_id, chain, sequence, head_hash, anchored_at, source) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (event_id) DO NOTHING`,
      [event.id, data.chain, data.sequence, data.headHash, data.anchoredAt, event.source],
    );
  }

  /** Newest first (by sequence within a chain, then by when anchored), paged; optionally one chain. */
  async list(page: number, pageSize: number, chain?: AuditChainName): Promise<Page<AnchorView>> {
    const rows = (await this.db.query(
      `SELECT chain, sequence, head_hash, anchored_at, received_at FROM audit_anchor WHERE ($1::text IS NULL OR chain = $1)
        ORDER BY anchored_at DESC, chain, sequence DESC LIMIT $2 OFFSET $3`,
      [chain ?? null, pageSize, (page - 1) * pageSize],
    )) as AnchorRow[];
    const [{ total }] = (await this.db.query('SELECT count(*)::int AS total FROM audit_anchor WHERE ($1::text IS NULL OR chain = $1)', [
      chain ?? null,
    ])) as { total: number }[];
    return pageOf(rows.map(view), total, { page, pageSize });
  }

  /** Per chain the anchor with the highest sequence (null for a chain never anchored). */
  async latest(): Promise<{ chain: AuditChainName; anchor: AnchorView | null }[]> {
    const rows = (await this.db.query(
      `SELECT DISTINCT ON (chain) chain, sequence, head_hash, anchored_at, received_at FROM audit_anchor ORDER BY chain, sequence DESC, anchored_at DESC`,
    )) as AnchorRow[];
    return AUDIT_CHAINS.map((chain) => {
      const row = rows.find((r) => r.chain === chain);
      return { chain, anchor: row ? view(row) : null };
    });
  }
}
