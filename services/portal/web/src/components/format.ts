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
