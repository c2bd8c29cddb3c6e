import { addWorkingDays, endOfDay, type CalendarDate, type HolidayRules } from '@estafette/calendar';

/**
 * The RMC's first-contact deadline for a task that starts on `from` (an Amsterdam date): `workingDays` working
 * days of the RMC (`rmcRules`: its own days off, holidayRulesFor('rmc')) later. `dueDate` is the last day on
 * which contact is in time; `timerDueAt` is the first instant it is late (Amsterdam midnight ending that day).
 * Source: DOMAIN.md (10 working days by default, per region), design. Throws RangeError on a malformed date.
 */
export function firstContactDue(
  from: CalendarDate,
  workingDays: number,
  rmcRules: HolidayRules,
): { dueDate: CalendarDate; timerDueAt: Date } {
  const dueDate = addWorkingDays(from, workingDays, rmcRules);
  return { dueDate, timerDueAt: endOfDay(dueDate) };
}
