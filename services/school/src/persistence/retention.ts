import {
  changed,
  sharedRetentionStatements,
  verwijderingRetentionStatements,
  type RetentionBatch,
  type RetentionPlan,
} from '@estafette/privacy';
import { uitgaandeOverdrachtRetention, verwijzingRetention } from '@estafette/receiver';

/** contactgegevens: contact data and BSN cleared a year after the deregistration (or enrolment); the record stays. */
const contactgegevens: RetentionBatch = async (manager, cutoff, batchSize) => {
  const uit = await changed(
    manager,
    `UPDATE uitschrijving SET contact = NULL, bsn = NULL WHERE id IN (
       SELECT id FROM uitschrijving WHERE deregistration_date < $1 AND (contact IS NOT NULL OR bsn IS NOT NULL) ORDER BY id LIMIT $2)`,
    [cutoff.date, batchSize],
  );
  const in_ = await changed(
    manager,
    `UPDATE inschrijving SET bsn = NULL WHERE id IN (
       SELECT id FROM inschrijving WHERE enrolment_date < $1 AND bsn IS NOT NULL ORDER BY id LIMIT $2)`,
    [cutoff.date, batchSize],
  );
  return { rows: uit + in_, more: uit === batchSize || in_ === batchSize };
};

/** uitschrijving: the record, its corrections and the referrals seen for it, two years after the deregistration. */
const uitschrijving: RetentionBatch = async (manager, cutoff, batchSize) => {
  const ids = (
    (await manager.query('SELECT id FROM uitschrijving WHERE deregistration_date < $1 ORDER BY id LIMIT $2', [cutoff.date, batchSize])) as {
      id: string;
    }[]
  ).map((r) => r.id);
  let rows = 0;
  if (ids.length) {
    rows += await changed(manager, 'DELETE FROM uitschrijving_correctie WHERE uitschrijving_id = ANY($1)', [ids]);
    rows += await changed(manager, 'DELETE FROM verwijzing_gezien WHERE uitschrijving_id = ANY($1)', [ids]);
    rows += await changed(manager, 'DELETE FROM uitschrijving WHERE id = ANY($1)', [ids]);
  }
  const orphans = await changed(
    manager,
    `DELETE FROM verwijzing_gezien WHERE overdracht_id IN (
       SELECT overdracht_id FROM verwijzing_gezien WHERE uitschrijving_id IS NULL AND created_at < $1 ORDER BY overdracht_id LIMIT $2)`,
    [cutoff.instant, batchSize],
  );
  return { rows: rows + orphans, more: ids.length === batchSize || orphans === batchSize };
};

/** inschrijving: two years after the enrolment date. */
const inschrijving: RetentionBatch = async (manager, cutoff, batchSize) => {
  const rows = await changed(
    manager,
    'DELETE FROM inschrijving WHERE id IN (SELECT id FROM inschrijving WHERE enrolment_date < $1 ORDER BY id LIMIT $2)',
    [cutoff.date, batchSize],
  );
  return { rows, more: rows === batchSize };
};

/**
 * The school's retention plan (libs/privacy): its own records, the referrals it received back (accepted closes them:
 * the school enrols), the nazorg overdrachten it sent (libs/receiver) and the purge record of withdrawals.
 */
export const schoolRetentionPlan: RetentionPlan = {
  service: 'school',
  statements: {
    contactgegevens,
    uitschrijving,
    inschrijving,
    verwijzing: verwijzingRetention([], { acceptedCloses: true }),
    'uitgaande-overdracht': uitgaandeOverdrachtRetention,
    ...verwijderingRetentionStatements,
    ...sharedRetentionStatements,
  },
};
