import { addMonths, type CalendarDate } from '@estafette/calendar';

export const PLACEMENT_TYPES = [
  'onderwijs',
  'betaald-werk',
  'leerbaan',
  'bbl',
  'participatieplek',
  'beschut-werk',
  'dagbesteding',
  'zorgtraject',
] as const;
export type PlacementType = (typeof PLACEMENT_TYPES)[number];

/** 25 hours a week or more counts as work (DOMAIN.md, 000:883). */
export const MIN_HOURS_FOR_WORK = 25;

export class PlacementRuleError extends Error {}

/** Refuses a placement that does not count as one, with the reason a consulent can act on. */
export function checkPlacement(type: PlacementType, hoursPerWeek?: number): void {
  if (type === 'betaald-werk' && (hoursPerWeek === undefined || hoursPerWeek < MIN_HOURS_FOR_WORK)) {
    throw new PlacementRuleError(
      `betaald-werk counts as a placement from ${MIN_HOURS_FOR_WORK} hours a week; register fewer hours as participatieplek or keep the trajectory open`,
    );
  }
}

export type FollowUpCheckType = 'na-2-maanden' | 'na-1-jaar';

/** Default follow-up checks: at 2 months (000:883) and 12 months ("vsv een jaar later", 002:1277). */
export const DEFAULT_FOLLOW_UP_MONTHS: Record<FollowUpCheckType, number> = { 'na-2-maanden': 2, 'na-1-jaar': 12 };

/** The follow-up checks of a plaatsing starting on `startDate`: due dates `months` later, clamped at month ends (31 January + 1 month is 28 February). */
export function followUpChecks(
  startDate: CalendarDate,
  months = DEFAULT_FOLLOW_UP_MONTHS,
): { checkType: FollowUpCheckType; dueDate: string }[] {
  return (Object.keys(months) as FollowUpCheckType[]).map((checkType) => ({ checkType, dueDate: addMonths(startDate, months[checkType]) }));
}

/** RMC regie ends at 23 (DOMAIN.md); from then a failed placement goes to Werk & Inkomen. */
export const RMC_AGE_LIMIT = 23;
export const returnsToRmc = (age: number): boolean => age < RMC_AGE_LIMIT;
