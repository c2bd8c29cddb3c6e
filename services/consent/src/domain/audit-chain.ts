import { createHash } from 'node:crypto';

/** The hash the first entry links to: a chain has a fixed, public start. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  sequence: number;
  decidedAt: string;
  request: unknown;
  outcome: unknown;
}

export interface AuditEntry extends AuditContent {
  previousHash: string;
  hash: string;
}

/** JSON with sorted keys: the database may reorder jsonb keys, the hash must not care. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(previousHash: string, content: AuditContent): string {
  const { sequence, decidedAt, request, outcome } = content;
  return createHash('sha256').update(previousHash).update(canonicalJson({ sequence, decidedAt, request, outcome })).digest('hex');
}

export function chainEntry(previous: { sequence: number; hash: string } | undefined, content: Omit<AuditContent, 'sequence'>): AuditEntry {
  const sequence = (previous?.sequence ?? 0) + 1;
  const previousHash = previous?.hash ?? GENESIS_HASH;
  const full = { ...content, sequence };
  return { ...full, previousHash, hash: entryHash(previousHash, full) };
}

export type ChainVerdict =
  { intact: true; checked: number; lastHash: string } | { intact: false; checked: number; brokenAt: number; problem: string };

/**
 * Recomputes every link. Changing a row breaks its own hash; deleting or reordering rows breaks the
 * sequence or the next row's previousHash. Feed it in sequence order, in batches if large.
 */
export function verifyChain(
  entries: Iterable<AuditEntry>,
  start: { sequence: number; hash: string } = { sequence: 0, hash: GENESIS_HASH },
): ChainVerdict {
  let expectedSequence = start.sequence + 1;
  let previousHash = start.hash;
  let checked = 0;
  for (const e of entries) {
    if (e.sequence !== expectedSequence)
      return { intact: false, checked, brokenAt: expectedSequence, problem: `entry ${expectedSequence} is missing (found ${e.sequence})` };
    if (e.previousHash !== previousHash)
      return { intact: false, checked, brokenAt: e.sequence, problem: 'does not link to the entry before it' };
    if (entryHash(previousHash, e) !== e.hash)
      return { intact: false, checked, brokenAt: e.sequence, problem: 'content does not match its hash (changed after it was written)' };
    previousHash = e.hash;
    expectedSequence += 1;
    checked += 1;
  }
  return { intact: true, checked, lastHash: previousHash };
}
