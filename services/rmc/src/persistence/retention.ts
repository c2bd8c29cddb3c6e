import {
  changed,
  sharedRetentionStatements,
  verwijderingRetentionStatements,
  type RetentionBatch,
  type RetentionPlan,
} from '@estafette/privacy';

/**
 * The young people whose RMC responsibility ended (turning 23) before the cutoff, by every place the RMC knows the
 * end from: the task, a received verwijzing, the baton projection. Without turns_23_on: registration (or receipt) date
 * plus (24 minus the age then) years, the latest the person can turn 23; a projection without any: last change plus 7
 * years (in scope from 16 at the earliest), only when nothing else knows. The latest end of a person decides (bewaartermijnen.ts, rmc-dossier).
 */
const PAST_RESPONSIBILITY = `
  WITH ends AS (
    SELECT pseudonymous_reference AS p,
           coalesce(turns_23_on, (registration_date + make_interval(years => greatest(24 - age_at_registration, 0)))::date) AS known,
           NULL::date AS fallback
      FROM taak
    UNION ALL
    SELECT pseudonymous_reference,
           coalesce(turns_23_on, ((received_at AT TIME ZONE 'Europe/Amsterdam')::date + make_interval(years => greatest(24 - age_at_offer, 0)))::date),
           NULL
      FROM verwijzing
    UNION ALL
    SELECT pseudonymous_reference, turns_23_on, ((updated_at AT TIME ZONE 'Europe/Amsterdam')::date + interval '7 years')::date
      FROM baton_holder
    UNION ALL
    SELECT pseudonymous_reference, NULL, ((max(time) AT TIME ZONE 'Europe/Amsterdam')::date + interval '7 years')::date
      FROM baton_event GROUP BY pseudonymous_reference
  )
  SELECT p FROM ends GROUP BY p HAVING coalesce(max(known), max(fallback)) < $1 ORDER BY p LIMIT $2`;

/** Everything the RMC holds on those young people, children before parents. `$1`: the pseudonymous references. */
const DELETE_DOSSIER = [
  'DELETE FROM notitie WHERE taak_id IN (SELECT id FROM taak WHERE pseudonymous_reference = ANY($1))',
  'DELETE FROM contact_moment WHERE taak_id IN (SELECT id FROM taak WHERE pseudonymous_reference = ANY($1))',
  'DELETE FROM timer WHERE taak_id IN (SELECT id FROM taak WHERE pseudonymous_reference = ANY($1))',
  'DELETE FROM plan_van_aanpak_versie WHERE taak_id IN (SELECT id FROM taak WHERE pseudonymous_reference = ANY($1))',
  'DELETE FROM taak_correctie WHERE taak_id IN (SELECT id FROM taak WHERE pseudonymous_reference = ANY($1))',
  // Append-only; its trigger allows removing a line a year old (every toewijzing is before 23: migration 1768900000010).
  'DELETE FROM toewijzing_log WHERE taak_id IN (SELECT id FROM taak WHERE pseudonymous_reference = ANY($1))',
  `DELETE FROM taak_herkomst WHERE taak_id IN (SELECT id FROM taak WHERE pseudonymous_reference = ANY($1))
      OR previous_taak_id IN (SELECT id FROM taak WHERE pseudonymous_reference = ANY($1))`,
  'DELETE FROM taak WHERE pseudonymous_reference = ANY($1)',
  'DELETE FROM uitgaande_overdracht WHERE pseudonymous_reference = ANY($1)',
  'DELETE FROM follow_up_check WHERE plaatsing_id IN (SELECT id FROM plaatsing WHERE pseudonymous_reference = ANY($1))',
  'DELETE FROM plaatsing WHERE pseudonymous_reference = ANY($1)',
  'DELETE FROM verwijzing_herkomst WHERE overdracht_id IN (SELECT overdracht_id FROM verwijzing WHERE pseudonymous_reference = ANY($1))',
  'DELETE FROM verwijzing WHERE pseudonymous_reference = ANY($1)',
  'DELETE FROM inschrijving_seen WHERE pseudonymous_reference = ANY($1)',
  'DELETE FROM baton_event WHERE pseudonymous_reference = ANY($1)',
  'DELETE FROM baton_holder WHERE pseudonymous_reference = ANY($1)',
];

/** rmc-dossier: a batch of young people past their period, all their rows; `rows` counts every row removed. */
const rmcDossier: RetentionBatch = async (manager, cutoff, batchSize) => {
  const people = ((await manager.query(PAST_RESPONSIBILITY, [cutoff.date, batchSize])) as { p: string }[]).map((r) => r.p);
  let rows = 0;
  if (people.length) for (const sql of DELETE_DOSSIER) rows += await changed(manager, sql, [people]);
  return { rows, more: people.length === batchSize };
};

/**
 * The RMC's retention plan (libs/privacy): its dossier per young person, the purge record of withdrawals, and the shared
 * access log and outbox.
 */
export const rmcRetentionPlan: RetentionPlan = {
  service: 'rmc',
  statements: { 'rmc-dossier': rmcDossier, ...verwijderingRetentionStatements, ...sharedRetentionStatements },
};
