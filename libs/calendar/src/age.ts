import { isCalendarDate, type CalendarDate } from './calendar-date.js';

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The date someone born on `birthDate` turns `years` old. Born on 29 February: in a year without one they turn
 * a year older on 1 March (Dutch civil law counts the full year; design, see docs/glossary.md "leeftijd").
 * Throws RangeError on a date that is not YYYY-MM-DD.
 */
export function birthdayAt(birthDate: CalendarDate, years: number): CalendarDate {
  if (!isCalendarDate(birthDate)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${birthDate}`);
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const year = y + years;
  if (m === 2 && d === 29 && !isLeapYear(year)) return `${String(year).padStart(4, '0')}-03-01`;
  return `${String(year).padStart(4, '0')}${birthDate.slice(4)}`;
}

/** Whole years of age on `onDate` for someone born on `birthDate` (0 before the first birthday). */
export function ageOn(birthDate: CalendarDate, onDate: CalendarDate): number {
  const by = Number(birthDate.slice(0, 4));
  let age = Number(onDate.slice(0, 4)) - by;
  if (birthdayAt(birthDate, age) > onDate) age -= 1;
  return age;
}
