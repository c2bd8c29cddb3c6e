import { Injectable } from '@nestjs/common';
import type { AuditChainName } from '@estafette/contracts';
import type { ChainAnchor } from '../domain/anchor-check.js';

/**
 * The chain heads this process knows from outside the database: the highest `audit.anchored` read back from the bus
 * (AnchorReader), and the last head this process itself verified intact. Memory only: after a restart the bus is
 * read again from its start, so a database rewritten while the service was down is still held against its anchors.
 */
@Injectable()
export class AnchorLedger {
  private readonly fromBus = new Map<AuditChainName, ChainAnchor>();
  private readonly verifiedHere = new Map<AuditChainName, ChainAnchor>();
  private markCaughtUp!: () => void;
  private readonly caughtUpOnce = new Promise<void>((resolve) => (this.markCaughtUp = resolve));

  /** An anchor read from the bus; the highest sequence counts (a lower or repeated one adds nothing). */
  heard(chain: AuditChainName, anchor: ChainAnchor): void {
    const known = this.fromBus.get(chain);
    if (!known || anchor.sequence > known.sequence) this.fromBus.set(chain, anchor);
  }

  verified(chain: AuditChainName, head: { sequence: number; hash: string }, at: Date): void {
    this.verifiedHere.set(chain, { sequence: head.sequence, headHash: head.hash, anchoredAt: at.toISOString() });
  }

  /** What a verification is held against: the bus's highest anchor first. */
  anchorsOf(chain: AuditChainName): ChainAnchor[] {
    return [this.fromBus.get(chain), this.verifiedHere.get(chain)].filter((a): a is ChainAnchor => a !== undefined);
  }

  latestOnBus(chain: AuditChainName): ChainAnchor | null {
    return this.fromBus.get(chain) ?? null;
  }

  /** The bus was read up to where it stood at start-up. */
  caughtUp(): void {
    this.markCaughtUp();
  }

  /** Resolves once the bus was read up to where it stood at start-up, or after `timeoutMs` (then anchors may be missing). */
  async whenCaughtUp(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.caughtUpOnce, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }
}
