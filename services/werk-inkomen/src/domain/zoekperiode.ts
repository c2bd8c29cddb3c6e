import { addDays, type CalendarDate } from '@estafette/calendar';

/**
 * Zoekperiode: 18-27 year olds applying for a benefit first search 4 weeks (seed 004:2061-2144). Counted in
 * calendar days, not working days: a holiday (W&I's municipal days off, 5 May included) does not lengthen it.
 */
export const ZOEKPERIODE_DAYS = 28;
export const ZOEKPERIODE_WAIVER_REASONS = ['zorgbehoefte', 'dakloos', 'direct-traject-nodig', 'ziekte', 'anders'] as const;
export type ZoekperiodeWaiverReason = (typeof ZOEKPERIODE_WAIVER_REASONS)[number];

export type ZoekperiodeDecision =
  | { applies: false; why: 'buiten-leeftijd' }
  | { applies: true; waived: true; reason: ZoekperiodeWaiverReason }
  | { applies: true; waived: false; endDate: string };

/** Whether the zoekperiode applies at `age` (whole years), and its end date (Amsterdam date) counted from the application. */
export function decideZoekperiode(age: number, appliedOn: CalendarDate, waiver?: ZoekperiodeWaiverReason): ZoekperiodeDecision {
  if (age < 18 || age >= 27) return { applies: false, why: 'buiten-leeftijd' };
  if (waiver) return { applies: true, waived: true, reason: waiver };
  return { applies: true, waived: false, endDate: addDays(appliedOn, ZOEKPERIODE_DAYS) };
}
