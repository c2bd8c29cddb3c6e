import type { QueryRunner } from 'typeorm';
import { setAppendOnlyDeleteAfter } from '@estafette/auth';
import { periodAsInterval, type RetentionPeriod } from './bewaartermijn.js';

/**
 * Lets the append-only trigger of `table` (made by makeAppendOnly in @estafette/auth) allow one thing more: DELETE of a
 * row whose `column` is older than `period` by the database's own clock. UPDATE, TRUNCATE and the removal of a younger
 * row are still refused, so the log stays append-only for everything but its bewaartermijn.
 */
export async function allowDeletePastPeriod(q: QueryRunner, table: string, column: string, period: RetentionPeriod): Promise<void> {
  await setAppendOnlyDeleteAfter(q, table, { column, interval: periodAsInterval(period) });
}

/** Back to plain append-only (nothing may be removed). */
export async function refuseEveryDelete(q: QueryRunner, table: string): Promise<void> {
  await setAppendOnlyDeleteAfter(q, table, null);
}

/** The interval the trigger of `table` currently allows removal after, as PostgreSQL prints it; null when it allows none. */
export async function triggerPeriod(
  q: { query(sql: string, params?: unknown[]): Promise<unknown> },
  table: string,
): Promise<string | null> {
  const rows = (await q.query('SELECT prosrc FROM pg_proc WHERE proname = $1', [`${table}_append_only`])) as { prosrc: string }[];
  const match = /interval '([^']+)'/.exec(rows[0]?.prosrc ?? '');
  return match ? match[1]! : null;
}
