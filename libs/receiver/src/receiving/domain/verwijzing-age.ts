import { calendarDateOf, daysBetween, type CalendarDate } from '@estafette/calendar';
import { ageFromTurns23, returnsToRmc, rmcPartEndedOn } from '@estafette/overdracht';

/**
 * What a receiver knows of a young person's age: the date they turn 23 when the offer carried it, else only an age
 * at a date (the age on the offer on the day it came in, or the age at placement on its start date).
 * Dates are Europe/Amsterdam calendar dates (YYYY-MM-DD).
 */
export interface AgeFacts {
  turns23On: CalendarDate | null;
  knownAge: number;
  knownOn: CalendarDate;
}

/**
 * The age facts of a verwijzing: its `turns23On` (exact) and, for the estimate without it, the age on the offer on the
 * Amsterdam day the offer came in (`receivedAt`, an instant).
 */
export const ageFactsOf = (referral: { turns23On: CalendarDate | null; ageAtOffer: number; receivedAt: Date }): AgeFacts => ({
  turns23On: referral.turns23On,
  knownAge: referral.ageAtOffer,
  knownOn: calendarDateOf(referral.receivedAt),
});

/** A year of 365.25 days: only for the estimate of offers without turns23On. */
const DAYS_PER_YEAR = 365.25;

/**
 * Whole years of age on `onDate`. With `turns23On`: exact (ageFromTurns23, design). Without it (offers of producers
 * that do not send turns23On yet): the old estimate, `knownAge` plus the whole 365.25-day years since `knownOn`
 * (never less than `knownAge`); it can run up to a year late, as the known age may be just short of a birthday.
 */
export function ageAt(facts: AgeFacts, onDate: CalendarDate): number {
  if (facts.turns23On) return ageFromTurns23(facts.turns23On, onDate);
  return facts.knownAge + Math.max(0, Math.floor(daysBetween(facts.knownOn, onDate) / DAYS_PER_YEAR));
}

/**
 * True when the RMC's part has ended on `onDate`, so an uitval goes to Werk & Inkomen: on and after the 23rd birthday
 * (rmcPartEndedOn; source: RMC-wet, 12 to 23). Without `turns23On`: from the estimated age 23 (returnsToRmc).
 */
export function rmcPartEnded(facts: AgeFacts, onDate: CalendarDate): boolean {
  if (facts.turns23On) return rmcPartEndedOn(facts.turns23On, onDate);
  return !returnsToRmc(ageAt(facts, onDate));
}
