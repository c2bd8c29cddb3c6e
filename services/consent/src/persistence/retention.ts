import type { EntityManager } from 'typeorm';
import {
  ACCOUNTABILITY_LOG_PERIOD,
  appendOnlyLogRetention,
  AUDIT_CHAIN_PERIOD,
  changed,
  periodAsInterval,
  sharedRetentionStatements,
  type RetentionBatch,
  type RetentionPlan,
} from '@estafette/privacy';
import { DECISION_CHAIN, TOESTEMMING_CHAIN, type ChainTable } from './chain-tables.js';

/** What prunes an audit chain through a sealed checkpoint (AuditChains.prune): entries removed, and whether more may be past. */
export interface ChainPruner {
  prune(
    manager: EntityManager,
    table: ChainTable,
    cutoff: Date,
    period: string,
    batchSize: number,
  ): Promise<{ rows: number; more: boolean }>;
}

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
 * The Amsterdam date a consent closed: the first of its withdrawal, its last valid day and the 27th birthday by the
 * latest birth date the schools reported; null (never closed) while none of these is known. `least` skips nulls.
 */
export const TOESTEMMING_CLOSED_ON = `least(
  (withdrawn_at AT TIME ZONE 'Europe/Amsterdam')::date,
  valid_until,
  (birth_date + interval '27 years')::date)`;

/**
 * toestemming: a consent seven years after it closed (withdrawn, expired, or the 27th birthday). The audit chains
 * keep their entries that name it (toestemming_audit, decision_audit's basis) for their own seven years.
 */
const toestemming: RetentionBatch = async (manager, cutoff, batchSize) => {
  const rows = await changed(
    manager,
    `DELETE FROM toestemming WHERE id IN (
       SELECT id FROM toestemming WHERE ${TOESTEMMING_CLOSED_ON} < $1 ORDER BY id LIMIT $2)`,
    [cutoff.date, batchSize],
  );
  return { rows, more: rows === batchSize };
};

/**
 * toestemmingsverzoek: a consent request a year after it closed (answered, or never answered by its valid_until). Removed
 * before the consents of the same run, so an approved request never outlives the consent it references.
 */
const toestemmingsverzoek: RetentionBatch = async (manager, cutoff, batchSize) => {
  const rows = await changed(
    manager,
    `DELETE FROM toestemmingsverzoek WHERE id IN (
       SELECT id FROM toestemmingsverzoek
        WHERE coalesce((answered_at AT TIME ZONE 'Europe/Amsterdam')::date, valid_until) < $1 ORDER BY id LIMIT $2)`,
    [cutoff.date, batchSize],
  );
  return { rows, more: rows === batchSize };
};

/** inzage-verzoek: a privacy officer's inzage request, a year after it was recorded (its trigger allows exactly that). */
const inzageVerzoek = appendOnlyLogRetention('inzage_verzoek', 'requested_at', ACCOUNTABILITY_LOG_PERIOD);

/**
 * The consent service's retention plan (libs/privacy): subject-age, toestemming, both audit chains (their oldest entries
 * seven years after they were written, pruned through a sealed checkpoint by `chains`: the count is entries removed),
 * the consent requests, the privacy officer's inzage requests, and the shared access log and outbox. The cutoff is the start of the Amsterdam cutoff date.
 */
export function consentRetentionPlan(chains: ChainPruner): RetentionPlan {
  const chain =
    (table: ChainTable): RetentionBatch =>
    (manager, cutoff, batchSize) =>
      chains.prune(manager, table, cutoff.instant, periodAsInterval(AUDIT_CHAIN_PERIOD), batchSize);
  return {
    service: 'consent',
    statements: {
      'subject-age': subjectAge,
      toestemmingsverzoek,
      toestemming,
      'decision-audit': chain(DECISION_CHAIN),
      'toestemming-audit': chain(TOESTEMMING_CHAIN),
      'inzage-verzoek': inzageVerzoek,
      ...sharedRetentionStatements,
    },
  };
}
