import type { AuditChainName } from '@estafette/contracts';

/**
 * Where each audit chain is stored and what an entry's hash covers. `fieldsOf` turns a row as PostgreSQL returns it
 * (timestamps as Date, jsonb parsed) into the hashed fields; the sequence is added by the chain itself.
 */
export interface ChainTable {
  chain: AuditChainName;
  table: 'decision_audit' | 'toestemming_audit';
  /** Appends to one chain take turns on this advisory lock, so two instances cannot fork it. */
  lock: number;
  /** When an entry was written (its bewaartermijn counts from it; the append-only trigger compares it with now()). */
  momentColumn: 'decided_at' | 'at';
  /** The hashed columns, besides sequence, previous_hash and hash. */
  columns: readonly string[];
  fieldsOf(row: Record<string, unknown>): Record<string, unknown>;
}

const iso = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();

export const DECISION_CHAIN: ChainTable = {
  chain: 'decision-audit',
  table: 'decision_audit',
  lock: 0x7e57a_0001,
  momentColumn: 'decided_at',
  columns: ['decided_at', 'request', 'outcome'],
  fieldsOf: (r) => ({ decidedAt: iso(r.decided_at), request: r.request, outcome: r.outcome }),
};

export const TOESTEMMING_CHAIN: ChainTable = {
  chain: 'toestemming-audit',
  table: 'toestemming_audit',
  lock: 0x7e57a_0002,
  momentColumn: 'at',
  columns: ['toestemming_id', 'subject', 'action', 'actor_role', 'actor_subject', 'at'],
  fieldsOf: (r) => ({
    toestemmingId: r.toestemming_id,
    subject: r.subject,
    action: r.action,
    actorRole: r.actor_role,
    actorSubject: r.actor_subject,
    at: iso(r.at),
  }),
};

export const CHAIN_TABLES: readonly ChainTable[] = [DECISION_CHAIN, TOESTEMMING_CHAIN];
