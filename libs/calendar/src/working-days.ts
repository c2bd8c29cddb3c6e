import Holidays from 'date-holidays';
import { addDays, isCalendarDate, type CalendarDate } from './calendar-date.js';

/**
 * Whether Liberation Day (5 May) is a day off: for municipalities (CAO Gemeenten) every year; for the rest
 * of the platform's organisations (schools, RMC, care) only in lustrum years, as the general rule in the
 * Netherlands. Source: design, docs/glossary.md "werkdag"; configurable per organisation kind.
 */
export type LiberationDayRule = 'every-year' | 'lustrum-years' | 'never';

export interface HolidayRules {
  liberationDay: LiberationDayRule;
}

/** The default rules per organisation kind (`werk-inkomen` is a municipal department: CAO Gemeenten). */
export const HOLIDAY_RULES_BY_KIND: Readonly<Record<string, HolidayRules>> = {
  'werk-inkomen': { liberationDay: 'every-year' },
  gemeente: { liberationDay: 'every-year' },
  rmc: { liberationDay: 'lustrum-years' },
  school: { liberationDay: 'lustrum-years' },
  zorg: { liberationDay: 'lustrum-years' },
};

export const DEFAULT_HOLIDAY_RULES: HolidayRules = { liberationDay: 'lustrum-years' };

/** Holiday rules per organisation kind (`rmc`, `werk-inkomen`, ...), as configured on top of the defaults. */
export type HolidayRulesByKind = Readonly<Record<string, HolidayRules>>;

/**
 * The rules for a kind of organisation (`rmc`, `werk-inkomen`, ...): the configured ones (`configured`, see
 * parseLiberationDayRules) before the defaults; unknown kinds get the general rule.
 */
export function holidayRulesFor(organisationType: string | undefined, configured: HolidayRulesByKind = {}): HolidayRules {
  if (!organisationType) return DEFAULT_HOLIDAY_RULES;
  return configured[organisationType] ?? HOLIDAY_RULES_BY_KIND[organisationType] ?? DEFAULT_HOLIDAY_RULES;
}

const LIBERATION_DAY_RULES: readonly LiberationDayRule[] = ['every-year', 'lustrum-years', 'never'];

/**
 * Reads the Liberation Day rule per organisation kind from configuration text (the LIBERATION_DAY_RULES
 * environment variable): `kind=rule` pairs separated by commas, e.g. `werk-inkomen=every-year,zorg=never`,
 * rule one of `every-year`, `lustrum-years`, `never`. Kinds not named keep their default
 * (HOLIDAY_RULES_BY_KIND). Empty or blank text names none. Throws RangeError naming the pair that is not one.
 */
export function parseLiberationDayRules(text: string | undefined): HolidayRulesByKind {
  const rules: Record<string, HolidayRules> = {};
  for (const pair of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [kind, rule, ...rest] = pair.split('=').map((p) => p.trim());
    if (!kind || rest.length > 0 || !LIBERATION_DAY_RULES.includes(rule as LiberationDayRule))
      throw new RangeError(`"${pair}" is not kind=rule with rule one of ${LIBERATION_DAY_RULES.join(', ')}`);
    rules[kind] = { liberationDay: rule as LiberationDayRule };
  }
  return rules;
}

const netherlands = new Holidays('NL');
const cache = new Map<string, ReadonlySet<CalendarDate>>();

/**
 * Days off in `year`: the public holidays of the Netherlands (New Year, Easter Monday, King's Day, Ascension,
 * Whit Monday, Christmas, Boxing Day; from the date-holidays library) plus Liberation Day per `rules`.
 * Good Friday is not a general day off. Weekends are not listed (see isWorkingDay).
 */
export function dutchHolidays(year: number, rules: HolidayRules = DEFAULT_HOLIDAY_RULES): ReadonlySet<CalendarDate> {
  const key = `${year}:${rules.liberationDay}`;
  let days = cache.get(key);
  if (!days) {
    const found = new Set(
      netherlands
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    const liberationDay = `${year}-05-05`;
    if (rules.liberationDay === 'every-year' || (rules.liberationDay === 'lustrum-years' && year % 5 === 0)) found.add(liberationDay);
    days = found;
    cache.set(key, days);
  }
  return days;
}

/** Monday to Friday and not a day off under `rules`. Throws RangeError on a malformed date. */
export function isWorkingDay(date: CalendarDate, rules: HolidayRules = DEFAULT_HOLIDAY_RULES): boolean {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !dutchHolidays(Number(date.slice(0, 4)), rules).has(date);
}

/** The date `count` working days after `from` (`from` itself does not count). */
export function addWorkingDays(from: CalendarDate, count: number, rules: HolidayRules = DEFAULT_HOLIDAY_RULES): CalendarDate {
  // Every event of a day asks the same few questions (today plus a region's working days): answered once (bounded).
  const key = `${from}:${count}:${rules.liberationDay}`;
  let date = workingDaysAfter.get(key);
  if (date === undefined) {
    date = from;
    for (let left = count; left > 0;) {
      date = addDays(date, 1);
      if (isWorkingDay(date, rules)) left--;
    }
    if (workingDaysAfter.size >= 10_000) workingDaysAfter.clear();
    workingDaysAfter.set(key, date);
  }
  return date;
}
const workingDaysAfter = new Map<string, CalendarDate>();
