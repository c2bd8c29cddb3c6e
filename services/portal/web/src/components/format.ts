/** Dates as Dutch readers expect them (25 november 2026, 14:05), in Dutch time whatever the device's zone. */
const timeZone = 'Europe/Amsterdam';
const date = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone });
const dateTime = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone,
});

export function formatDate(value: string | null | undefined): string {
  if (!value) return '-';
  const d = new Date(value.length === 10 ? `${value}T12:00:00` : value);
  return Number.isNaN(d.getTime()) ? value : date.format(d);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '-';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTime.format(d);
}

export const today = () => new Date().toISOString().slice(0, 10);
