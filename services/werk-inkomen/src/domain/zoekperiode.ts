import { addDays } from '@estafette/overdracht';

/** Zoekperiode: 18-27 year olds applying for a benefit first search 4 weeks (seed 004:2061-2144). */
export const ZOEKPERIODE_DAYS = 28;
export const ZOEKPERIODE_WAIVER_REASONS = ['zorgbehoefte', 'dakloos', 'direct-traject-nodig', 'ziekte', 'anders'] as const;
export type ZoekperiodeWaiverReason = (typeof ZOEKPERIODE_WAIVER_REASONS)[number];

export type ZoekperiodeDecision =
  | { applies: false; why: 'buiten-leeftijd' }
  | { applies: true; waived: true; reason: ZoekperiodeWaiverReason }
  | { applies: true; waived: false; endDate: string };

/** Whether the zoekperiode applies at `age` (whole years), and its end date (ISO date) counted from the application. */
export function decideZoekperiode(age: number, appliedOn: string, waiver?: ZoekperiodeWaiverReason): ZoekperiodeDecision {
  if (age < 18 || age >= 27) return { applies: false, why: 'buiten-leeftijd' };
  if (waiver) return { applies: true, waived: true, reason: waiver };
  return { applies: true, waived: false, endDate: addDays(appliedOn, ZOEKPERIODE_DAYS) };
}
