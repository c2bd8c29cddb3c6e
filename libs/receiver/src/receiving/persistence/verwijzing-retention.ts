import { changed, type RetentionBatch } from '@estafette/privacy';

/** Final answers: the referral closes with them, whatever its age. */
const FINAL = ['afgewezen', 'verlopen', 'ingetrokken', 'mislukt'];

/**
 * Received referrals past their bewaartermijn (libs/privacy, category `verwijzing`): closed (a final answer; placed with
 * no placement running and no follow-up check still to fire; at a school, accepted: it enrols), with their last fact
 * (received, first contact, planned enrolment, placement start, last check) before the cutoff. `$3`: the statuses that
 * close a referral without a placement.
 */
const CLOSED_BEFORE = `
  SELECT v.overdracht_id FROM verwijzing v
   WHERE (v.status = ANY($3)
          OR (v.status = 'geplaatst'
              AND NOT EXISTS (SELECT 1 FROM plaatsing p WHERE p.overdracht_id = v.overdracht_id AND p.status = 'lopend')
              AND NOT EXISTS (SELECT 1 FROM follow_up_check c JOIN plaatsing p ON p.id = c.plaatsing_id
                               WHERE p.overdracht_id = v.overdracht_id AND c.fired_at IS NULL)))
     AND greatest((v.received_at AT TIME ZONE 'Europe/Amsterdam')::date, v.first_contact_date, v.enrolment_planned_on,
                  (SELECT max(p.start_date) FROM plaatsing p WHERE p.overdracht_id = v.overdracht_id),
                  (SELECT max(c.due_date) FROM follow_up_check c JOIN plaatsing p ON p.id = c.plaatsing_id
                    WHERE p.overdracht_id = v.overdracht_id)) < $1
   ORDER BY v.overdracht_id LIMIT $2`;

/**
 * The batch for category `verwijzing` of a receiving service; `ownTables` are the service's tables keyed by
 * `overdracht_id` (zoekperiode, zorginformatie), removed first; `acceptedCloses` when acceptance is the last step (a
 * school: it enrols, there is no placement). `rows` counts every row removed.
 */
export function verwijzingRetention(ownTables: string[], options: { acceptedCloses?: boolean } = {}): RetentionBatch {
  const closing = options.acceptedCloses ? [...FINAL, 'geaccepteerd'] : FINAL;
  const deletes = [
    ...ownTables.map((table) => `DELETE FROM ${table} WHERE overdracht_id = ANY($1)`),
    'DELETE FROM follow_up_check WHERE plaatsing_id IN (SELECT id FROM plaatsing WHERE overdracht_id = ANY($1))',
    'DELETE FROM plaatsing WHERE overdracht_id = ANY($1)',
    'DELETE FROM verwijzing_herkomst WHERE overdracht_id = ANY($1)',
    'DELETE FROM verwijzing WHERE overdracht_id = ANY($1)',
  ];
  return async (manager, cutoff, batchSize) => {
    const ids = ((await manager.query(CLOSED_BEFORE, [cutoff.date, batchSize, closing])) as { overdracht_id: string }[]).map(
      (r) => r.overdracht_id,
    );
    let rows = 0;
    if (ids.length) for (const sql of deletes) rows += await changed(manager, sql, [ids]);
    return { rows, more: ids.length === batchSize };
  };
}
