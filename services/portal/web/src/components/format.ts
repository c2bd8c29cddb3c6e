import { TIME_ZONE as timeZone, today as amsterdamToday } from '@estafette/calendar';

/** Dates as Dutch readers expect them (25 november 2026, 14:05), in Dutch time whatever the device's zone. */
const date = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone });
const dayAndDate = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone });
const dateTime = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone,
});

// A calendar date is read at noon UTC: the same day in Amsterdam in winter and summer, whatever the device's zone.
const instantOf = (value: string) => new Date(value.length === 10 ? `${value}T12:00:00Z` : value);

export function formatDate(value: string | null | undefined): string {
  if (!value) return '-';
  const d = instantOf(value);
  return Number.isNaN(d.getTime()) ? value : date.format(d);
}

/**
 * An answer deadline as people read it, from the API's `responseDueOn` (the last Amsterdam day on which an answer
 * is in time, YYYY-MM-DD): "uiterlijk vrijdag 4 december 2026". A date, never a time: the offer runs to the end of that day.
 */
export function formatDeadline(lastDayInTime: string | null | undefined): string {
  if (!lastDayInTime) return '-';
  const d = instantOf(lastDayInTime);
  return Number.isNaN(d.getTime()) ? lastDayInTime : `uiterlijk ${dayAndDate.format(d)}`;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '-';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTime.format(d);
}

/** Today's Amsterdam date (YYYY-MM-DD), the default of date fields: never the UTC date. */
export const today = () => amsterdamToday();

/** A calendar date as typed and shown in a date field: `dd-mm-jjjj` ("04-12-2026"); '' for none; other text as is. */
export function formatDateField(isoDate: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate ?? '');
  return m ? `${m[3]}-${m[2]}-${m[1]}` : (isoDate ?? '');
}

export type ParsedDate = { ok: true; date: string } | { ok: false; reason: string };

/**
 * What a person typed in a date field, read the Dutch way whatever the browser's locale: day, month, year
 * (`04-12-2026`, also `4-12-2026`, `4/12/2026`, `4.12.2026`, `04122026`), or an ISO date (`2026-12-04`, unambiguous).
 * Gives the calendar date as YYYY-MM-DD, or a Dutch reason: not a date, or a day the calendar does not have (31-02).
 * Empty text is no date (`{ ok: true, date: '' }`): whether one is required, the form decides.
 */
export function parseDateField(text: string): ParsedDate {
  const t = text.trim();
  if (!t) return { ok: true, date: '' };
  const dutch = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const [day, month, year] = dutch
    ? [Number(dutch[1]), Number(dutch[2]), Number(dutch[3])]
    : iso
      ? [Number(iso[3]), Number(iso[2]), Number(iso[1])]
      : [];
  if (day === undefined || month === undefined || year === undefined) {
    return { ok: false, reason: 'Typ de datum als dd-mm-jjjj, bijvoorbeeld 04-12-2026.' };
  }
  const check = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return { ok: false, reason: `Deze datum bestaat niet: ${t}. Typ de datum als dd-mm-jjjj.` };
  }
  return { ok: true, date: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}
