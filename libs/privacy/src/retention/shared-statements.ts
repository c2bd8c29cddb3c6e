import { periodAsInterval } from './bewaartermijn.js';
import { ACCESS_LOG_PERIOD } from './bewaartermijnen.js';
import { changed, type RetentionBatch } from './retention-plan.js';

/**
 * The access log: lines read before the cutoff, and (the trigger's own rule) older than ACCESS_LOG_PERIOD by the database clock, so
 * a service clock ahead of the database never makes the trigger refuse a batch.
 */
const accessLog: RetentionBatch = async (manager, cutoff, batchSize) => {
  const rows = await changed(
    manager,
    `DELETE FROM access_log WHERE id IN (
       SELECT id FROM access_log WHERE at < $1 AND at < now() - interval '${periodAsInterval(ACCESS_LOG_PERIOD)}' ORDER BY id LIMIT $2)`,
    [cutoff.instant, batchSize],
  );
  return { rows, more: rows === batchSize };
};

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
export const sharedRetentionStatements: Record<'access-log' | 'outbox', RetentionBatch> = { 'access-log': accessLog, outbox };
