/** A CSV value in the spelling the single endpoint takes, or the reason it cannot be read. */
export type Spelled<T> = { value: T } | { reason: string };

const DUTCH_DATE = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TWO_DIGIT_YEAR = /^\d{1,2}-\d{1,2}-\d{2}$/;

/**
 * A calendar date as school exports write it: `d-m-jjjj` and `dd-mm-jjjj` (Dutch Excel drops leading zeros)
 * or `jjjj-mm-dd`, turned into `YYYY-MM-DD`. No time zone: a date is a day on the calendar. Whether the day
 * exists (30-2-2008) and is plausible is left to the shared DTO, so a CSV row is judged as the single endpoint
 * judges it. A two-digit year is refused: 4-3-08 could be 1908 or 2008. Source: issue 18 item 4 (design).
 */
export function spellDate(field: string, value: string): Spelled<string> {
  const dutch = DUTCH_DATE.exec(value);
  if (dutch) return { value: `${dutch[3]}-${dutch[2]!.padStart(2, '0')}-${dutch[1]!.padStart(2, '0')}` };
  if (ISO_DATE.test(value)) return { value };
  if (TWO_DIGIT_YEAR.test(value))
    return { reason: `${field} has a two-digit year (${value}): write the year in full, as d-m-jjjj (4-3-2008)` };
  return { reason: `${field} must be a date as d-m-jjjj, dd-mm-jjjj or jjjj-mm-dd (got ${value})` };
}

/**
 * A BSN as Excel leaves it: a number column drops the leading zero, so eight digits get their zero back before
 * the elfproef (11111112 is 011111112). Seven digits or fewer cannot be a BSN. Anything that is not only
 * digits passes through for the elfproef to name. Source: issue 18 item 4; BSN of 9 digits, elfproef (domain/elfproef.ts).
 */
export function spellBsn(value: string): Spelled<string> {
  if (!/^\d+$/.test(value) || value.length >= 9) return { value };
  if (value.length === 8) return { value: `0${value}` };
  return { reason: `bsn has ${value.length} digits: a BSN has 9 (with 8, the leading zero Excel drops is added back)` };
}

/** ja/nee and the usual spellings of yes and no; anything else passes through for the DTO to name. */
export function spellBoolean(value: string): Spelled<boolean | string> {
  const v = value.toLowerCase();
  if (['ja', 'j', 'true', '1', 'yes'].includes(v)) return { value: true };
  if (['nee', 'n', 'false', '0', 'no'].includes(v)) return { value: false };
  return { value };
}
