import { addDays, addMonths, startOfDay, type CalendarDate } from '@estafette/calendar';

/** The period when the region map does not set `periodicContactMonths` (design). */
export const DEFAULT_PERIODIC_CONTACT_MONTHS = 3;

/**
 * Periodic contact with every early school leaver the RMC has reached (source 001:161; the period is design, per
 * region). From the Amsterdam date of the last contact (YYYY-MM-DD), the next contact is in time until `dueDate`
 * (`months` later, clamped to the month's end: 30 November + 3 months is 28 February); `timerDueAt` is the first instant
 * it is late (00:00 Amsterdam on the day after). Throws RangeError on a malformed date.
 */
export function periodicContactDue(lastContactOn: CalendarDate, months: number): { dueDate: CalendarDate; timerDueAt: Date } {
  const dueDate = addMonths(lastContactOn, months);
  return { dueDate, timerDueAt: startOfDay(addDays(dueDate, 1)) };
}
