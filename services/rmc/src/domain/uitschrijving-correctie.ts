import { addDays, type CalendarDate, type HolidayRules } from '@estafette/calendar';
import { firstContactDue } from './first-contact.js';
import { decideVsv, type LeaverFacts, type Team } from './vsv-decision.js';

/**
 * What a school's correction or withdrawal did to the task (shown in its history): dates recomputed, moved to another
 * region, cancelled, opened (a correction made a leaver a vsv), or only recorded (the task was closed already).
 */
export type CorrectieOutcome = 'herberekend' | 'verplaatst' | 'geannuleerd' | 'geopend' | 'vastgelegd';

/**
 * How an open task follows a corrected uitschrijving: no vsv any more (a startkwalificatie, 23 or older, pro/vso) cancels
 * the melding; a municipality that routes to another region moves the task there; otherwise its dates are recomputed.
 * `routedRegion` is the region of the corrected municipality on the corrected date. Source: design (issue 22).
 */
export function followCorrectie(
  facts: LeaverFacts,
  currentRegion: string,
  routedRegion: string,
): { outcome: 'geannuleerd' } | { outcome: 'verplaatst' | 'herberekend'; team: Team } {
  const decision = decideVsv(facts);
  if (!decision.vsv) return { outcome: 'geannuleerd' };
  return { outcome: routedRegion === currentRegion ? 'herberekend' : 'verplaatst', team: decision.team };
}

/**
 * A task's dates after a correction, as when it was opened: the grace period ends `gracePeriodDays` after the
 * (corrected) deregistration date; the first contact is due `firstContactWorkingDays` RMC working days after the later of
 * `startedOn` and that date. `startedOn` is the registration date, or the day a moved task reached its new region (that
 * region gets its full time). Dates are Europe/Amsterdam calendar dates. Source: DOMAIN.md (grace period, first
 * contact per region), design.
 */
export function recomputedDates(
  dateOfDeregistration: CalendarDate,
  startedOn: CalendarDate,
  region: { gracePeriodDays: number; firstContactWorkingDays: number },
  rmcRules: HolidayRules,
): { gracePeriodEndDate: CalendarDate; firstContactDueDate: CalendarDate; firstContactTimerDueAt: Date } {
  const from = startedOn > dateOfDeregistration ? startedOn : dateOfDeregistration;
  const firstContact = firstContactDue(from, region.firstContactWorkingDays, rmcRules);
  return {
    gracePeriodEndDate: addDays(dateOfDeregistration, region.gracePeriodDays),
    firstContactDueDate: firstContact.dueDate,
    firstContactTimerDueAt: firstContact.timerDueAt,
  };
}
