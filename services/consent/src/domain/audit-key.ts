import { createHmac, timingSafeEqual } from 'node:crypto';
import { GENESIS_HASH, keyedHasher, plainHash, type ChainHasher, type ChainProblemKind } from './audit-chain.js';

/** Shortest key accepted, in bytes (design: as long as the HMAC-SHA-256 output). */
export const AUDIT_KEY_MIN_BYTES = 32;

/**
 * One audit key: the secret (CONSENT_AUDIT_KEY, its UTF-8 bytes) and its public id, the first 16 hex characters of
 * HMAC(key, "estafette-audit-key-id"): stored with the chain so a verifier knows which key made an entry, and
 * useless for making one. Throws, naming `name` (never the value), when shorter than 32 bytes.
 */
export class AuditKey {
  readonly id: string;
  private readonly secret: Buffer;

  constructor(value: string, name = 'CONSENT_AUDIT_KEY') {
    this.secret = Buffer.from(value, 'utf8');
    if (this.secret.length < AUDIT_KEY_MIN_BYTES) {
      throw new Error(`${name} must be at least ${AUDIT_KEY_MIN_BYTES} bytes (e.g. openssl rand -base64 48); it is ${this.secret.length}`);
    }
    this.id = createHmac('sha256', this.secret).update('estafette-audit-key-id').digest('hex').slice(0, 16);
  }

  /** A key per chain, so an entry copied from one chain into another does not verify there. */
  chainKey(chain: string): Buffer {
    return createHmac('sha256', this.secret).update(`estafette-audit-chain:${chain}`).digest();
  }

  hasher(chain: string): ChainHasher {
    return keyedHasher(this.chainKey(chain));
  }
}

/**
 * From which sequence a key hashes a chain, and the head it continued from: one row per key (`audit_chain_epoch`).
 * The first epoch of a chain that existed before keys starts after the last plain SHA-256 entry; a new key (rotation)
 * starts a new epoch after the head. `seal` is an HMAC over the other fields with that epoch's key: without the key an
 * epoch cannot be moved, added or changed (so old entries cannot be passed off as plain ones).
 */
export interface ChainEpoch {
  keyedFrom: number;
  keyId: string;
  previousHead: string;
  seal: string;
}

function sealOf(key: AuditKey, chain: string, epoch: Omit<ChainEpoch, 'seal'>): string {
  return createHmac('sha256', key.chainKey(chain))
    .update(`epoch|${chain}|${epoch.keyedFrom}|${epoch.keyId}|${epoch.previousHead}`)
    .digest('hex');
}

/**
 * A prune checkpoint (`audit_chain_checkpoint`, append-only): the entries through `prunedThrough` were verified and
 * removed past their bewaartermijn; the first entry left links to `headHash`, the hash of the last one removed. `seal`
 * is an HMAC with the chain key of `keyId` (the current key when pruned) over the other fields: without the key no one
 * can move the start of the chain. Source: design (docs/security.md, Audit chains).
 */
export interface ChainCheckpoint {
  prunedThrough: number;
  headHash: string;
  keyId: string;
  seal: string;
}

function checkpointSealOf(key: AuditKey, chain: string, checkpoint: Omit<ChainCheckpoint, 'seal'>): string {
  return createHmac('sha256', key.chainKey(chain))
    .update(`checkpoint|${chain}|${checkpoint.prunedThrough}|${checkpoint.keyId}|${checkpoint.headHash}`)
    .digest('hex');
}

/**
 * The keys a verifier may use: the current one (new entries) and earlier ones (CONSENT_AUDIT_PREVIOUS_KEYS) so the
 * entries of their epochs still verify after a rotation.
 */
export class AuditKeyring {
  private readonly byId: Map<string, AuditKey>;

  constructor(
    readonly current: AuditKey,
    previous: readonly AuditKey[] = [],
  ) {
    this.byId = new Map([...previous, current].map((k) => [k.id, k]));
  }

  /** The epoch the current key starts at `keyedFrom`, continuing from `previousHead` (GENESIS_HASH for an empty chain). */
  newEpoch(chain: string, keyedFrom: number, previousHead: string = GENESIS_HASH): ChainEpoch {
    const epoch = { keyedFrom, keyId: this.current.id, previousHead };
    return { ...epoch, seal: sealOf(this.current, chain, epoch) };
  }

  /** The checkpoint after pruning entries 1..`prunedThrough` (head: the hash of entry `prunedThrough`), sealed with the current key. */
  newCheckpoint(chain: string, prunedThrough: number, headHash: string): ChainCheckpoint {
    const checkpoint = { prunedThrough, headHash, keyId: this.current.id };
    return { ...checkpoint, seal: checkpointSealOf(this.current, chain, checkpoint) };
  }

  /** Why `checkpoint` cannot be trusted (its key is not in the ring, or its seal does not fit); undefined when it can. */
  checkpointProblem(chain: string, checkpoint: ChainCheckpoint): string | undefined {
    const key = this.byId.get(checkpoint.keyId);
    if (!key) return `the prune checkpoint through entry ${checkpoint.prunedThrough} has a key not in the ring (${checkpoint.keyId})`;
    if (!sameHex(checkpointSealOf(key, chain, checkpoint), checkpoint.seal))
      return `the prune checkpoint through entry ${checkpoint.prunedThrough} was changed or forged (its seal does not fit)`;
    return undefined;
  }

  /**
   * Checks the epochs (in keyedFrom order) and says how to verify each entry. Problems (kind `unkeyed`): no epoch at all
   * (the service writes one before its first entry), a seal that does not fit, an epoch of a key not in the ring, or a
   * newest epoch that is not the current key's (a removed epoch). Source: design (issue 17, part 3).
   */
  schemeOf(chain: string, epochs: readonly ChainEpoch[]): ChainScheme | { problem: string; kind: ChainProblemKind; brokenAt: number } {
    if (epochs.length === 0) return { kind: 'unkeyed', brokenAt: 1, problem: 'the chain has no key epoch: it was removed' };
    for (const epoch of epochs) {
      const key = this.byId.get(epoch.keyId);
      if (!key)
        return { kind: 'unkeyed', brokenAt: epoch.keyedFrom, problem: `no key with id ${epoch.keyId} (set CONSENT_AUDIT_PREVIOUS_KEYS)` };
      if (!sameHex(sealOf(key, chain, epoch), epoch.seal))
        return { kind: 'unkeyed', brokenAt: epoch.keyedFrom, problem: `the key epoch from entry ${epoch.keyedFrom} was changed` };
    }
    if (epochs.at(-1)!.keyId !== this.current.id)
      return { kind: 'unkeyed', brokenAt: epochs.at(-1)!.keyedFrom, problem: "the current key's epoch is missing: it was removed" };
    const hashers = epochs.map((e) => ({ epoch: e, hasher: this.byId.get(e.keyId)!.hasher(chain) }));
    return {
      hasherAt: (sequence, previousHash) => {
        const found = hashers.findLast((h) => h.epoch.keyedFrom <= sequence);
        if (!found) return plainHash;
        if (found.epoch.keyedFrom === sequence && previousHash !== found.epoch.previousHead)
          return { kind: 'changed', problem: 'the entries before it were changed (they no longer end where the key epoch began)' };
        return found.hasher;
      },
      // An epoch begun after the head: the chain reached keyedFrom - 1 when it was written, and ended in previousHead.
      checkHead: (head) => {
        const later = epochs.filter((e) => e.keyedFrom > head.sequence + 1).at(0);
        if (later)
          return {
            kind: 'truncated',
            brokenAt: head.sequence + 1,
            problem: `truncated: entries ${head.sequence + 1} to ${later.keyedFrom - 1} are missing (the key epoch from ${later.keyedFrom} follows them)`,
          };
        const next = epochs.find((e) => e.keyedFrom === head.sequence + 1);
        if (next && next.previousHead !== head.hash)
          return {
            kind: 'changed',
            brokenAt: head.sequence,
            problem: 'the newest entries were changed (they no longer end where the key epoch began)',
          };
        return undefined;
      },
    };
  }
}

/** How each entry of a chain is hashed: plain SHA-256 before the first epoch, then the key of its epoch. */
export interface ChainScheme {
  hasherAt(sequence: number, previousHash: string): ChainHasher | { problem: string; kind: ChainProblemKind };
  /** After the last entry: does the head fit the epochs (none begun after entries that are gone)? */
  checkHead(head: { sequence: number; hash: string }): { problem: string; kind: ChainProblemKind; brokenAt: number } | undefined;
}

function sameHex(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a, 'hex'), Buffer.from(b, 'hex')];
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
