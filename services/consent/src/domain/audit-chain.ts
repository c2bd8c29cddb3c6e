import { createHash, createHmac } from 'node:crypto';

/** The hash the first entry links to: a chain has a fixed, public start. */
export const GENESIS_HASH = '0'.repeat(64);

/** What one entry's hash covers: its own sequence number and its fields (as the database gives them back). */
export interface ChainContent {
  sequence: number;
  [field: string]: unknown;
}

/** One stored entry: what it covers, the hash of the entry before it, and its own hash. */
export interface ChainLink {
  content: ChainContent;
  previousHash: string;
  hash: string;
}

/** Computes an entry's hash from the hash before it and its content (hex, 64 characters). */
export type ChainHasher = (previousHash: string, content: ChainContent) => string;

/**
 * JSON with sorted keys: the database may reorder jsonb keys, the hash must not care. Keys compare by UTF-16 code
 * units (Array.prototype.sort's default); undefined properties are left out, as JSON.stringify does. Built by string
 * concatenation: it runs for every audited decision, and arrays of entries per object were most of its garbage.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  let out = '';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + (canonicalJson(value[i]) ?? '');
    return `[${out}]`;
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object).sort()) {
    const v = object[key];
    if (v === undefined) continue;
    out += (out ? ',' : '') + JSON.stringify(key) + ':' + canonicalJson(v);
  }
  return `{${out}}`;
}

/**
 * The scheme before keys: sha256(previousHash + canonical JSON). Anyone can recompute it, so it only catches a rewrite
 * by someone who did not also recompute the chain. Kept to verify the entries written before the keyed scheme started.
 */
export const plainHash: ChainHasher = (previousHash, content) =>
  createHash('sha256').update(previousHash).update(canonicalJson(content)).digest('hex');

/** HMAC-SHA-256 with the chain's key over the same input: only the key's holder can make an entry that fits. */
export function keyedHasher(chainKey: Buffer): ChainHasher {
  return (previousHash, content) => createHmac('sha256', chainKey).update(previousHash).update(canonicalJson(content)).digest('hex');
}

/** The next entry after `previous` (none: the chain's first, after the genesis hash), hashed with `hasher`. */
export function linkEntry(
  previous: { sequence: number; hash: string } | undefined,
  fields: Record<string, unknown>,
  hasher: ChainHasher,
): ChainLink {
  const content: ChainContent = { ...fields, sequence: (previous?.sequence ?? 0) + 1 };
  const previousHash = previous?.hash ?? GENESIS_HASH;
  return { content, previousHash, hash: hasher(previousHash, content) };
}

/** Why a chain is not intact: an entry changed, entries missing at the end, or the key scheme itself tampered with. */
export type ChainProblemKind = 'changed' | 'truncated' | 'unkeyed';

export type ChainVerdict =
  | { intact: true; checked: number; head: { sequence: number; hash: string } }
  | { intact: false; checked: number; brokenAt: number; kind: ChainProblemKind; problem: string };

/**
 * Recomputes every link, feeding batches in sequence order (`feed` until it returns a verdict, then `finish`).
 * Changing a row breaks its own hash; deleting or reordering rows breaks the sequence or the next row's
 * previousHash. `hasherAt(sequence)` gives the scheme of that entry, or a problem text when none applies.
 */
export class LinkVerifier {
  private expected: number;
  private previousHash: string;
  private checked = 0;
  private broken?: ChainVerdict;

  constructor(
    private readonly hasherAt: (sequence: number, previousHash: string) => ChainHasher | { problem: string; kind: ChainProblemKind },
    start: { sequence: number; hash: string } = { sequence: 0, hash: GENESIS_HASH },
  ) {
    this.expected = start.sequence + 1;
    this.previousHash = start.hash;
  }

  /** Returns the verdict once the chain is found broken; undefined while every link so far holds. */
  feed(links: Iterable<ChainLink>): ChainVerdict | undefined {
    for (const link of links) {
      if (this.broken) return this.broken;
      const sequence = link.content.sequence;
      if (sequence !== this.expected) return this.fail(this.expected, 'changed', `entry ${this.expected} is missing (found ${sequence})`);
      if (link.previousHash !== this.previousHash) return this.fail(sequence, 'changed', 'does not link to the entry before it');
      const hasher = this.hasherAt(sequence, link.previousHash);
      if (typeof hasher !== 'function') return this.fail(sequence, hasher.kind, hasher.problem);
      if (hasher(link.previousHash, link.content) !== link.hash)
        return this.fail(sequence, 'changed', 'content does not match its hash (changed after it was written)');
      this.previousHash = link.hash;
      this.expected += 1;
      this.checked += 1;
    }
    return this.broken;
  }

  finish(): ChainVerdict {
    return this.broken ?? { intact: true, checked: this.checked, head: { sequence: this.expected - 1, hash: this.previousHash } };
  }

  private fail(brokenAt: number, kind: ChainProblemKind, problem: string): ChainVerdict {
    this.broken = { intact: false, checked: this.checked, brokenAt, kind, problem };
    return this.broken;
  }
}

/** Verifies a whole chain held in memory with one scheme; see LinkVerifier for batches and mixed schemes. */
export function verifyChain(links: Iterable<ChainLink>, hasher: ChainHasher = plainHash): ChainVerdict {
  const verifier = new LinkVerifier(() => hasher);
  verifier.feed(links);
  return verifier.finish();
}
