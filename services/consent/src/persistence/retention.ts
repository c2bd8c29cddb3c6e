import { changed, sharedRetentionStatements, type RetentionBatch, type RetentionPlan } from '@estafette/privacy';

/** subject-age: the latest possible birth date, removed after the 27th birthday (nobody on the platform has a task then). */
const subjectAge: RetentionBatch = async (manager, cutoff, batchSize) => {
  const rows = await changed(
    manager,
    `DELETE FROM subject_age WHERE subject IN (
       SELECT subject FROM subject_age WHERE (latest_birth_date + interval '27 years')::date < $1 ORDER BY subject LIMIT $2)`,
    [cutoff.date, batchSize],
  );
  return { rows, more: rows === batchSize };
};

/**
 * The consent service's retention plan (libs/privacy). toestemming and the hash-chained audits have a decided period
 * (seven years) that is not enforced yet: see `pending` in the table and docs/privacy.md.
 */
export const consentRetentionPlan: RetentionPlan = {
  service: 'consent',
  statements: { 'subject-age': subjectAge, ...sharedRetentionStatements },
};
