import { addWorkingDays, endOfDay, type CalendarDate, type HolidayRules } from '@estafette/calendar';

/** Default answer time for a handover offer (DOMAIN.md: 5 working days, configurable per region). */
export const DEFAULT_RESPONSE_WORKING_DAYS = 5;

/**
 * The moment an offer made on `offeredOn` (the sender's Amsterdam date) expires: the end of the last of
 * `workingDays` working days, i.e. Amsterdam midnight starting the next calendar day (23:00 or 22:00 UTC).
 * Working days are the RECEIVER's (`receiverRules`, holidayRulesFor its organisation kind): it is the receiver
 * who must answer, so a municipality's 5 May does not count for W&I. Offices close earlier, but the receiver gets
 * the whole day; people see the day itself (lastDayInTime). Source: DOMAIN.md (5 working days), design.
 * Throws RangeError on a malformed date.
 */
export function responseDueAt(offeredOn: CalendarDate, workingDays: number, receiverRules: HolidayRules): Date {
  return endOfDay(addWorkingDays(offeredOn, workingDays, receiverRules));
}
