import type { EntityManager } from 'typeorm';
import { takeYoungPersonsTurn } from '@estafette/messaging';
import { TaakRecord } from '../persistence/taak.entity.js';

/**
 * Locks one task for a command (a consulent's request), after taking its young person's turn: the order every event
 * handler uses (turn, then rows), so a request and an event of one young person never wait on each other in opposite
 * orders (a deadlock PostgreSQL would end by failing one of them). `where` is the task's id and, for a request, the
 * caller's region. Null when no task matches. Source: design (issue 19).
 */
export async function lockTaakInTurn(manager: EntityManager, where: { id: string; region?: string }): Promise<TaakRecord | null> {
  const found = await manager.findOne(TaakRecord, { select: { id: true, pseudonymousReference: true }, where });
  if (!found) return null;
  await takeYoungPersonsTurn(manager, found.pseudonymousReference);
  return manager.findOne(TaakRecord, { where, lock: { mode: 'pessimistic_write' } });
}
