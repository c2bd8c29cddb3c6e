import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The durable-timer claim every service uses: rows with `due_at` passed and `fired_at` still empty,
 * locked for this transaction. SKIP LOCKED lets several instances share the work; the caller sets
 * `fired_at` in the same transaction as the timer's effect, so each timer fires exactly once.
 */
export function claimDueTimers<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  now: Date,
  extraCondition?: string,
  limit = 200,
): Promise<T[]> {
  return manager
    .createQueryBuilder(entity, 't')
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .where(`t.fired_at IS NULL AND t.due_at <= :now${extraCondition ? ` AND ${extraCondition}` : ''}`, { now })
    .orderBy('t.due_at')
    .limit(limit)
    .getMany();
}
