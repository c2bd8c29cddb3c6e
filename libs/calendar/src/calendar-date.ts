import { TZDate } from '@date-fns/tz';
import { addMonths as addMonthsFns, format, parseISO } from 'date-fns';

/** A calendar date `YYYY-MM-DD` in the Netherlands (no time, no zone). */
export type CalendarDate = string;

/** Every date on the platform is a Dutch civil date: deadlines end at midnight in Amsterdam. Source: design. */
export const TIME_ZONE = 'Europe/Amsterdam';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  // Plain arithmetic, not a date library: this runs several times for every event a service handles.
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Days in month `month` (1 to 12) of `year` (proleptic Gregorian). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const dateOfUtc = (instant: Date): CalendarDate =>
  `${String(instant.getUTCFullYear()).padStart(4, '0')}-${String(instant.getUTCMonth() + 1).padStart(2, '0')}-${String(instant.getUTCDate()).padStart(2, '0')}`;

function checked(date: CalendarDate): Date {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return parseISO(date);
}

/** The Amsterdam calendar date of an instant: 2026-12-04T23:30Z is 2026-12-05. */
export function calendarDateOf(instant: Date): CalendarDate {
  const time = instant.getTime();
  const inZone = () => format(new TZDate(time, TIME_ZONE), 'yyyy-MM-dd');
  // Since 1970 Amsterdam is a whole number of hours from UTC (+1, +2 in summer), so its date cannot change within a UTC
  // hour: the zone lookup is done once an hour, not for every event or row a service handles (issue 19).
  if (!(time >= 0)) return inZone();
  const hour = Math.floor(time / 3_600_000);
  if (hour !== lastHour.hour) lastHour = { hour, date: inZone() };
  return lastHour.date;
}
let lastHour = { hour: NaN, date: '' };

/** "Today" on the platform: the Amsterdam date now (or at the injected instant). Never the UTC date. */
export function today(now: Date = new Date()): CalendarDate {
  return calendarDateOf(now);
}

/** The instant a Dutch calendar day starts (00:00 Amsterdam; 23:00 or 22:00 UTC the day before). */
export function startOfDay(date: CalendarDate): Date {
  let start = dayStarts.get(date);
  if (start === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    checked(date);
    start = new TZDate(y, m - 1, d, TIME_ZONE).getTime();
    // The zone lookup is the costly part and a date's start never changes: remembered (bounded).
    if (dayStarts.size >= 10_000) dayStarts.clear();
    dayStarts.set(date, start);
  }
  return new Date(start);
}
const dayStarts = new Map<CalendarDate, number>();

/** The instant a Dutch calendar day ends: midnight in Amsterdam that starts the next day. */
export function endOfDay(date: CalendarDate): Date {
  return startOfDay(addDays(date, 1));
}

/** The last calendar day on which something due at `deadline` (an instant, exclusive) is still in time. */
export function lastDayInTime(deadline: Date): CalendarDate {
  return calendarDateOf(new Date(deadline.getTime() - 1));
}

/** `days` calendar days after `date` (negative: before). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = checked(date) && (date.split('-').map(Number) as [number, number, number]);
  const instant = new Date(0);
  instant.setUTCFullYear(y, m - 1, d + days);
  return dateOfUtc(instant);
}

/** `months` months after `date`, clamped to the month's last day (30 April minus 2 months is 28 February). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  return format(addMonthsFns(checked(date), months), 'yyyy-MM-dd');
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.UTC(...utcParts(to)) - Date.UTC(...utcParts(from))) / 86_400_000);
}

const utcParts = (date: CalendarDate): [number, number, number] => {
  const [y, m, d] = checked(date) && (date.split('-').map(Number) as [number, number, number]);
  return [y, m - 1, d];
};
