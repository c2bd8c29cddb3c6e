import type { EntityManager } from 'typeorm';

/**
 * The advisory-lock key of one young person's turn (`subject` is the pseudonymous reference): within one service's
 * database, that person's rows are read and then written by one transaction at a time.
 */
export const youngPersonsTurn = (subject: string): string => `baton:${subject}`;

/**
 * Takes the young person's turn for the rest of the caller's transaction (a PostgreSQL advisory lock, released at commit
 * or rollback; taking it again in the same transaction is harmless). A handler that reads a young person's rows and then
 * writes takes it first, as a statement of its own: one person's events arrive on several topics whose partitions are
 * consumed concurrently, and a read in the same statement as the lock would use a snapshot from before the wait.
 * Taken before any row lock, so two handlers never wait on each other in opposite orders. Source: design (issue 19).
 */
export async function takeYoungPersonsTurn(manager: EntityManager, subject: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [youngPersonsTurn(subject)]);
}
