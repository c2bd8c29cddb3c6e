import { addDays, addWorkingDays } from './working-days.js';

/** Default answer time for a handover offer (DOMAIN.md: 5 working days, configurable per region). */
export const DEFAULT_RESPONSE_WORKING_DAYS = 5;

/**
 * The moment an offer made on `offeredOn` expires: the end of the last working day, i.e. midnight
 * UTC starting the next calendar day. Offices close earlier, but the receiver gets the whole day.
 */
export function responseDueAt(offeredOn: string, workingDays = DEFAULT_RESPONSE_WORKING_DAYS): Date {
  return new Date(`${addDays(addWorkingDays(offeredOn, workingDays), 1)}T00:00:00Z`);
}
