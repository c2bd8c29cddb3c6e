import { addDays, addMonths, ageOn, birthdayAt, type CalendarDate } from '@estafette/calendar';

/**
 * Age boundaries from the one date events carry: the day the young person turns 23 (`turns23On`). The birth date
 * stays in the school's store (AVG data minimisation, design); from `turns23On` every service computes what it needs.
 * All dates are Europe/Amsterdam calendar dates (YYYY-MM-DD).
 */

/** The date someone born on `birthDate` turns 23 (born 29 February: 1 March in a year without one). Source: RMC-wet (12 to 23). */
export const turns23OnFor = (birthDate: CalendarDate): CalendarDate => birthdayAt(birthDate, 23);

/**
 * Whole years of age on `onDate` for someone who turns 23 on `turns23On`. Exact at 23 and at every birthday, except that
 * someone born on 29 February is counted a day late on 29 February of a leap year (design: the boundaries that matter
 * are 18 and 23, and 23 is exact).
 */
export const ageFromTurns23 = (turns23On: CalendarDate, onDate: CalendarDate): number => ageOn(addMonths(turns23On, -12 * 23), onDate);

/** The RMC's part has ended on and after the 23rd birthday. Source: RMC-wet; DOMAIN.md (RMC 12 to 23, W&I from 23). */
export const rmcPartEndedOn = (turns23On: CalendarDate, onDate: CalendarDate): boolean => onDate >= turns23On;

/**
 * The date the RMC must prepare the W&I handover: `leadMonths` before the 23rd birthday, clamped to the month's end
 * (turning 23 on 30 April with 2 months' lead: 28 February, not 2 March). Source: design (rmc-regions.json wiHandoverLeadMonths).
 */
export const prepareWiHandoverBy = (turns23On: CalendarDate, leadMonths: number): CalendarDate => addMonths(turns23On, -leadMonths);

/**
 * For events of producers that do not send `turns23On` yet: the earliest day someone who is `age` on `onDate` can turn 23
 * (born a year and a day before the latest possible birth date), so the RMC acts early rather than late.
 */
export const earliestTurns23On = (age: number, onDate: CalendarDate): CalendarDate => addDays(addMonths(onDate, 12 * (22 - age)), 1);
