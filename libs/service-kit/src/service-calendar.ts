import { holidayRulesFor, today, type CalendarDate, type HolidayRules, type HolidayRulesByKind } from '@estafette/calendar';

/**
 * The one way application code asks for the time: `now()` (an instant), `today()` (the Europe/Amsterdam
 * calendar date, never the UTC date) and the holiday rules of an organisation kind (Liberation Day per kind,
 * configured with LIBERATION_DAY_RULES; see @estafette/calendar). Every service gets one from serviceModule;
 * a test injects its own clock through ServiceConfig.clock (e.g. 00:30 Amsterdam time after a DST change).
 * Pure rules never read the time themselves: they take the date or instant as a parameter.
 */
export class ServiceCalendar {
  constructor(
    private readonly clock: () => Date = () => new Date(),
    private readonly configuredRules: HolidayRulesByKind = {},
  ) {}

  /** The current instant. */
  now(): Date {
    return this.clock();
  }

  /** Today's Amsterdam calendar date (YYYY-MM-DD): 2026-03-29T22:30Z is 2026-03-30. */
  today(): CalendarDate {
    return today(this.clock());
  }

  /** The working-day rules of an organisation kind (`rmc`, `werk-inkomen`, `school`, `zorg`): configured, else the default. */
  holidayRules(organisationType: string): HolidayRules {
    return holidayRulesFor(organisationType, this.configuredRules);
  }
}
