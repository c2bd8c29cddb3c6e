import { createHash } from 'node:crypto';
import { addDays, addMonths, type CalendarDate } from '@estafette/calendar';

/** The services that hold personal data, each with its own database (organisations holds none; docs/privacy.md). */
export const RETENTION_SERVICES = ['school', 'rmc', 'werk-inkomen', 'zorg', 'consent', 'monitor'] as const;
export type RetentionService = (typeof RETENTION_SERVICES)[number];

/**
 * The moment a bewaartermijn starts counting:
 * - `end-of-responsibility`: the organisation's task for the young person ends (the RMC's at 23);
 * - `closing`: the record is closed (a referral answered and, when placed, its last follow-up check done);
 * - `last-contact`: the last fact recorded about the young person in this store;
 * - `deregistration` / `enrolment`: the date the school reported;
 * - `read`: the read itself (access logs);
 * - `published`: an outbox event was handed to the bus;
 * - `received`: a dead letter arrived;
 * - `recorded`: the row itself was written (an accountability log: a purge record, an inzage request).
 */
export type RetentionMoment =
  'end-of-responsibility' | 'closing' | 'last-contact' | 'deregistration' | 'enrolment' | 'read' | 'published' | 'received' | 'recorded';

/** A period in whole calendar units, added in the order years, months, days (Amsterdam calendar dates). */
export interface RetentionPeriod {
  years?: number;
  months?: number;
  days?: number;
}

/**
 * What happens past the period: `delete` removes the rows; `pseudonymise` keeps the row without anything that
 * points at a person (for anonymous steering figures or an operational record).
 */
export type RetentionAction = 'delete' | 'pseudonymise';

/** Why the number is what it is: a law, a source (seed file and line), or a design choice (with its reason). */
export interface RetentionBasis {
  kind: 'law' | 'source' | 'design';
  text: string;
}

/** One row of the retention table: how long one category of one store stays after which moment. */
export interface Bewaartermijn {
  service: RetentionService;
  /** The category the audit line counts by, e.g. `rmc-dossier`. */
  category: string;
  /** What the category holds (tables and fields), for the privacy officer. */
  holds: string;
  moment: RetentionMoment;
  /** How the moment is found in the data, e.g. "the day the young person turns 23 (taak.turns_23_on)". */
  momentDetail: string;
  period: RetentionPeriod;
  action: RetentionAction;
  basis: RetentionBasis[];
  /** Set when the period is decided but the job does not enforce it yet: why (docs/privacy.md says what is left). */
  pending?: string;
}

/** The moment plus the period: the first day the data may no longer be held. */
export function endOfPeriod(moment: CalendarDate, period: RetentionPeriod): CalendarDate {
  return addDays(addMonths(moment, (period.years ?? 0) * 12 + (period.months ?? 0)), period.days ?? 0);
}

/**
 * The cutoff on `today`: data whose moment is before this date is past its period. Computed backwards from `today` so
 * a statement compares one column with one date.
 */
export function cutoffOf(period: RetentionPeriod, today: CalendarDate): CalendarDate {
  return addDays(addMonths(today, -((period.years ?? 0) * 12 + (period.months ?? 0))), -(period.days ?? 0));
}

/** Whether data whose period started on `moment` is past it on `today`: it stays through its end day and goes the day after. */
export function isPastPeriod(moment: CalendarDate, period: RetentionPeriod, today: CalendarDate): boolean {
  return moment < cutoffOf(period, today);
}

/**
 * Which of `rows` are past their period on `today`, given each row's moment (rows without a moment yet, e.g. a
 * referral still open, are never past). The pure form of what each service's statements do in SQL.
 */
export function pastTheirPeriod<T>(
  rows: readonly T[],
  momentOf: (row: T) => CalendarDate | null,
  period: RetentionPeriod,
  today: CalendarDate,
): T[] {
  return rows.filter((row) => {
    const moment = momentOf(row);
    return moment !== null && isPastPeriod(moment, period, today);
  });
}

/** The period as a PostgreSQL interval literal, e.g. `1 years 0 months 0 days`. */
export function periodAsInterval(period: RetentionPeriod): string {
  return `${period.years ?? 0} years ${period.months ?? 0} months ${period.days ?? 0} days`;
}

/**
 * A short, stable version of a policy (the first 12 hex digits of the SHA-256 of its rows): a retention run records
 * it, so a run can always be traced to the exact table it applied.
 */
export function policyVersion(rows: readonly Bewaartermijn[]): string {
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 12);
}
