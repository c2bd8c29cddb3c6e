import { changed, sharedRetentionStatements, type RetentionBatch, type RetentionPlan } from '@estafette/privacy';

/**
 * flow-event-pseudoniem: a pseudonymous reference whose last event is before the cutoff is replaced, in every event of
 * it, by one random reference (`anon:<uuid>`): joins between that person's events, and so every steering figure, stay
 * the same, and nothing links them to the young person any more.
 */
const flowEventPseudoniem: RetentionBatch = async (manager, cutoff, batchSize) => {
  const subjects = (
    (await manager.query(
      `SELECT subject FROM flow_event WHERE subject NOT LIKE 'anon:%'
        GROUP BY subject HAVING max(event_time) < $1 ORDER BY subject LIMIT $2`,
      [cutoff.instant, batchSize],
    )) as { subject: string }[]
  ).map((r) => r.subject);
  if (!subjects.length) return { rows: 0, more: false };
  const rows = await changed(
    manager,
    `UPDATE flow_event f SET subject = m.anon
       FROM (SELECT s AS subject, 'anon:' || gen_random_uuid() AS anon FROM unnest($1::text[]) AS s) m
      WHERE f.subject = m.subject`,
    [subjects],
  );
  return { rows, more: subjects.length === batchSize };
};

/** dead-letter: the failed record (key, value, headers) cleared; reason, topic and type stay for the failure figures. */
const deadLetter: RetentionBatch = async (manager, cutoff, batchSize) => {
  const rows = await changed(
    manager,
    `UPDATE dead_letter SET record_key = NULL, record_value = NULL, headers = '{}'::jsonb WHERE id IN (
       SELECT id FROM dead_letter WHERE received_at < $1 AND (record_key IS NOT NULL OR record_value IS NOT NULL OR headers <> '{}'::jsonb)
        ORDER BY id LIMIT $2)`,
    [cutoff.instant, batchSize],
  );
  return { rows, more: rows === batchSize };
};

/** The monitor's retention plan (libs/privacy): it keeps figures, never who. */
export const monitorRetentionPlan: RetentionPlan = {
  service: 'monitor',
  statements: { 'flow-event-pseudoniem': flowEventPseudoniem, 'dead-letter': deadLetter, ...sharedRetentionStatements },
};
