import type { EntityManager } from 'typeorm';
import { VerwijderingRecord, type RemovalReason } from './verwijdering.entity.js';

/** A withdrawn toestemming as the bus announces it: whose, which one, when it took effect. No content. */
export interface Withdrawal {
  /** The young person's pseudonymous reference (the event's subject). */
  subject: string;
  toestemmingId: string;
  /** When this service handles the withdrawal: the time of the purge record. */
  at: Date;
}

/**
 * What one service removes when a toestemming is withdrawn: one category of what it kept, obtained under that
 * toestemming. `remove` deletes or empties the rows linked to `withdrawal.toestemmingId` for `withdrawal.subject`,
 * in the given transaction, and returns how many rows it removed or emptied (0: nothing held, nothing recorded).
 * Data kept on another basis (a convenant's legal basis, the service's own task) is not this purge's to remove.
 */
export interface WithdrawalPurge {
  /** The category, e.g. `verwijzing:gegevens-van-verwijzer` (docs/privacy.md, "Intrekking: what is removed"). */
  what: string;
  remove(manager: EntityManager, withdrawal: Withdrawal): Promise<number>;
}

/** One line of the purge record, as the inzage shows it. */
export interface Removal {
  at: string;
  what: string;
  count: number;
  reason: RemovalReason;
  toestemmingId: string;
}

/**
 * Runs every purge of the service for one withdrawal and records one verwijdering row per category that removed
 * anything, all in the caller's transaction (the consumer's, under the inbox: a redelivered event is skipped, and
 * one handled again would find nothing left and record nothing). Returns what was recorded.
 */
export async function purgeWithdrawn(
  manager: EntityManager,
  withdrawal: Withdrawal,
  purges: readonly WithdrawalPurge[],
): Promise<Removal[]> {
  const removals: Removal[] = [];
  for (const purge of purges) {
    const count = await purge.remove(manager, withdrawal);
    if (count <= 0) continue;
    await manager.insert(VerwijderingRecord, {
      subject: withdrawal.subject,
      at: withdrawal.at,
      what: purge.what,
      count,
      reason: 'toestemming-ingetrokken',
      toestemmingId: withdrawal.toestemmingId,
    });
    removals.push({
      at: withdrawal.at.toISOString(),
      what: purge.what,
      count,
      reason: 'toestemming-ingetrokken',
      toestemmingId: withdrawal.toestemmingId,
    });
  }
  return removals;
}

/** What this service removed about one young person, oldest first: the `removals` part of its inzage section. */
export async function removalsOf(manager: EntityManager, subject: string): Promise<Removal[]> {
  const rows = await manager.find(VerwijderingRecord, { where: { subject }, order: { at: 'ASC', id: 'ASC' } });
  return rows.map((r) => ({ at: r.at.toISOString(), what: r.what, count: r.count, reason: r.reason, toestemmingId: r.toestemmingId }));
}
