/** Dates are ISO strings (YYYY-MM-DD) in Dutch civil time; arithmetic in UTC avoids DST surprises. */
const DAY = 86_400_000;
const toTime = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (time: number) => new Date(time).toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  return toIso(toTime(iso) + days * DAY);
}

/** Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Dutch public holidays that close offices: New Year, Easter Monday, King's Day (26 April when the
 * 27th is a Sunday), Liberation Day in lustrum years (the only years it is a general day off),
 * Ascension, Whit Monday, Christmas and Boxing Day. Good Friday is not a general day off.
 */
export function dutchHolidays(year: number): Set<string> {
  const easter = easterSunday(year);
  const kingsDay = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? `${year}-04-26` : `${year}-04-27`;
  const days = [`${year}-01-01`, addDays(easter, 1), kingsDay, addDays(easter, 39), addDays(easter, 50), `${year}-12-25`, `${year}-12-26`];
  if (year % 5 === 0) days.push(`${year}-05-05`);
  return new Set(days);
}

export function isWorkingDay(iso: string): boolean {
  const weekday = new Date(toTime(iso)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !dutchHolidays(Number(iso.slice(0, 4))).has(iso);
}

/** The date `count` working days after `from` (from itself does not count). */
export function addWorkingDays(from: string, count: number): string {
  let date = from;
  for (let left = count; left > 0;) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) left--;
  }
  return date;
}
