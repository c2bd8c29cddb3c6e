import { periodAsInterval, type RetentionPeriod } from './bewaartermijn.js';
import { ACCESS_LOG_PERIOD, ACCOUNTABILITY_LOG_PERIOD } from './bewaartermijnen.js';
import { changed, type RetentionBatch } from './retention-plan.js';

/**
 * An append-only log whose trigger allows DELETE past `period` (allowDeletePastPeriod): lines whose `column` is before
 * the cutoff and (the trigger's own rule) older than `period` by the database clock, so a service clock ahead of the
 * database never makes the trigger refuse a batch. `table` needs an `id` key.
 */
export function appendOnlyLogRetention(table: string, column: string, period: RetentionPeriod): RetentionBatch {
  return async (manager, cutoff, batchSize) => {
    const rows = await changed(
      manager,
      `DELETE FROM ${table} WHERE id IN (
         SELECT id FROM ${table} WHERE ${column} < $1 AND ${column} < now() - interval '${periodAsInterval(period)}' ORDER BY id LIMIT $2)`,
      [cutoff.instant, batchSize],
    );
    return { rows, more: rows === batchSize };
  };
}

/** Published outbox events before the cutoff; an unpublished one stays whatever its age. */
const outbox: RetentionBatch = async (manager, cutoff, batchSize) => {
  const rows = await changed(
    manager,
    `DELETE FROM outbox WHERE position IN (
       SELECT position FROM outbox WHERE published_at IS NOT NULL AND published_at < $1 ORDER BY position LIMIT $2)`,
    [cutoff.instant, batchSize],
  );
  return { rows, more: rows === batchSize };
};

/** The statements of the categories every service with personal data has (access-log, outbox). */
export const sharedRetentionStatements: Record<'access-log' | 'outbox', RetentionBatch> = {
  'access-log': appendOnlyLogRetention('access_log', 'at', ACCESS_LOG_PERIOD),
  outbox,
};

/** The purge record's statement (category `verwijdering`), for every service that takes part in withdrawal purges. */
export const verwijderingRetentionStatements: Record<'verwijdering', RetentionBatch> = {
  verwijdering: appendOnlyLogRetention('verwijdering', 'at', ACCOUNTABILITY_LOG_PERIOD),
};
