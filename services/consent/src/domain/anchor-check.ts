import type { ChainProblemKind } from './audit-chain.js';

/** A chain head kept outside the database: an `audit.anchored` event read back from the bus, or this process's own. */
export interface ChainAnchor {
  sequence: number;
  /** The head's keyed hash; absent for a head only known by number (the highest entry this process appended). */
  headHash?: string;
  /** When it was anchored (ISO 8601), for the message. */
  anchoredAt: string;
}

/**
 * Compares the database's head with an anchor. Truncation: the head is below the anchored sequence. Rewrite: the
 * entry at the anchored sequence no longer has the anchored hash. `hashAtAnchor` is the database's hash of entry
 * `anchor.sequence` (undefined when the entry is gone). Pure; source: design (issue 17, part 3).
 */
export function checkAgainstAnchor(
  head: { sequence: number },
  anchor: ChainAnchor,
  hashAtAnchor: string | undefined,
): { kind: ChainProblemKind; brokenAt: number; problem: string } | undefined {
  if (anchor.sequence > head.sequence) {
    return {
      kind: 'truncated',
      brokenAt: head.sequence + 1,
      problem: `truncated: the chain ends at entry ${head.sequence}, but entry ${anchor.sequence} was anchored at ${anchor.anchoredAt}`,
    };
  }
  if (anchor.sequence > 0 && anchor.headHash !== undefined && hashAtAnchor !== anchor.headHash) {
    return {
      kind: 'changed',
      brokenAt: anchor.sequence,
      problem: `entry ${anchor.sequence} differs from its anchor of ${anchor.anchoredAt} (the chain was rewritten)`,
    };
  }
  return undefined;
}
