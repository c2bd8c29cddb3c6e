import { TZDate } from '@date-fns/tz';
import { addDays as addDaysFns, addMonths as addMonthsFns, format, parseISO } from 'date-fns';

/** A calendar date `YYYY-MM-DD` in the Netherlands (no time, no zone). */
export type CalendarDate = string;

/** Every date on the platform is a Dutch civil date: deadlines end at midnight in Amsterdam. Source: design. */
export const TIME_ZONE = 'Europe/Amsterdam';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  // Arithmetic, not a parse and a format: every intake row checks several dates (issue 19).
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function checked(date: CalendarDate): Date {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return parseISO(date);
}

/** The Amsterdam calendar date of an instant: 2026-12-04T23:30Z is 2026-12-05. */
export function calendarDateOf(instant: Date): CalendarDate {
  return format(new TZDate(instant.getTime(), TIME_ZONE), 'yyyy-MM-dd');
}

/** "Today" on the platform: the Amsterdam date now (or at the injected instant). Never the UTC date. */
export function today(now: Date = new Date()): CalendarDate {
  const time = now.getTime();
  // Since 1970 Amsterdam is UTC+1 or UTC+2, so its date changes only on a whole UTC hour: one lookup per hour
  // instead of a time-zone conversion per call (validation asks for today on every row; issue 19).
  if (!(time >= 0)) return calendarDateOf(now);
  const hour = Math.floor(time / 3_600_000);
  if (hour !== todayOfHour.hour) todayOfHour = { hour, date: calendarDateOf(now) };
  return todayOfHour.date;
}

let todayOfHour: { hour: number; date: CalendarDate } = { hour: NaN, date: '' };

/** The instant a Dutch calendar day starts (00:00 Amsterdam; 23:00 or 22:00 UTC the day before). */
export function startOfDay(date: CalendarDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  checked(date);
  return new Date(new TZDate(y, m - 1, d, TIME_ZONE).getTime());
}

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
  return format(addDaysFns(checked(date), days), 'yyyy-MM-dd');
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
