/** Whole years between two ISO dates (YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

/**
 * The latest birth date that fits "age `age` on `onDate`" (whole years, as the school's events carry it): the young
 * person is assumed as young as the record allows, so a guardian is never skipped for lack of precision.
 * Source: design (docs/security.md, Guardians); the age fields of uitschrijving/inschrijving in libs/contracts.
 */
export function latestBirthDate(age: number, onDate: string): string {
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  const year = y - age;
  // 29 February in a year without one: the 28th is the latest date that makes them this age.
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** Of two birth dates from the school's records, the later one (the younger reading): a planted signal can only add a guardian, never remove one. */
export function youngerReading(a: string | null, b: string): string {
  return a !== null && a > b ? a : b;
}
