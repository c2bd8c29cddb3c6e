import type { EntityManager } from 'typeorm';
import { preparedQuery } from '../prepared-query.js';

/**
 * The advisory-lock key of one young person's turn, as SQL over the text parameter `param` (the pseudonymous
 * reference, an event's `subject`): a bigint, the same in every statement that takes the turn.
 */
export const youngPersonsTurnKey = (param: string): string => `hashtextextended('estafette.subject:' || ${param}, 0)`;

/**
 * Takes the turns of `subjects` for the rest of the caller's transaction (PostgreSQL advisory locks, released at commit
 * or rollback; taking one again in the same transaction is harmless). One young person's events arrive on several
 * topics, consumed concurrently and by more than one instance, and requests and timers act on the same rows: whoever
 * reads that person's rows and then writes takes the turn first, as a statement of its own (a read in the same statement
 * would use a snapshot from before the wait), before any row lock. Several subjects are taken in key order in one
 * statement, so two transactions with subjects in common wait for each other and never deadlock. Source: design
 * (issue 19).
 */
export async function takeYoungPersonsTurn(manager: EntityManager, subjects: string | readonly string[]): Promise<void> {
  const held = turnsHeld(manager);
  const distinct = [...new Set(typeof subjects === 'string' ? [subjects] : subjects)].filter((s) => !held?.has(s));
  if (distinct.length === 0) return;
  await preparedQuery(manager, TAKE_TURNS, [distinct]);
  turnsTaken(manager, distinct);
}

/**
 * SQL taking the turns of the subjects in the text[] parameter `param`, in key order (never deadlocks), one row per
 * turn: a statement of its own, or the first CTE of a statement whose own writes need no read under the turn.
 */
export const takeTurnsSql = (param: string): string =>
  `SELECT pg_advisory_xact_lock(k) FROM (
     SELECT DISTINCT ${youngPersonsTurnKey('s')} AS k FROM unnest(${param}::text[]) AS u(s) ORDER BY k) ordered`;

/** Built once: a prepared statement's text is looked up by its text on every run. */
const TAKE_TURNS = takeTurnsSql('$1');

/** Tells a transaction in `rememberingTurns` that its statement took these turns itself (takeTurnsSql). */
export function turnsTaken(manager: EntityManager, subjects: readonly string[]): void {
  const held = turnsHeld(manager);
  for (const s of subjects) held?.add(s);
}

/** Where a transaction remembers the turns it holds (QueryRunner.data is TypeORM's slot for a runner's own data). */
const TURNS_HELD = 'estafette.youngPersonsTurns';

/**
 * Runs `work` on `manager`'s transaction remembering the turns taken in it, so a handler taking a turn its batch
 * already holds costs no statement (one round trip per event less; issue 19). Only for the whole of one transaction:
 * the memory is dropped when `work` ends, before the transaction does, so a runner used again never trusts it.
 */
export async function rememberingTurns<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
  const data = manager.queryRunner?.data as Record<string, unknown> | undefined;
  if (!data) return work();
  data[TURNS_HELD] = new Set<string>();
  try {
    return await work();
  } finally {
    delete data[TURNS_HELD];
  }
}

function turnsHeld(manager: EntityManager): Set<string> | undefined {
  return (manager.queryRunner?.data as Record<string, unknown> | undefined)?.[TURNS_HELD] as Set<string> | undefined;
}
