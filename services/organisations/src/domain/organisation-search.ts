/** Enough of an organisation to search it by what people type. */
export interface Searchable {
  id: string;
  code: string;
  name: string;
}

/** Lower case without accents: "Súdwest" is found by "sudwest", "IJssel" by "ijssel". */
export const folded = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Whether an organisation fits what someone typed: every word of `q` occurs in its name, code or id (any case,
 * accents ignored), so "amsterdam werk" finds "Gemeente Amsterdam, Werk & Inkomen". An empty `q` fits all.
 * Source: design (people choose organisations by name, never type codes; issue 23).
 */
export function fitsQuery(o: Searchable, q: string): boolean {
  const haystack = folded(`${o.name} ${o.code} ${o.id}`);
  return folded(q)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * The order of a result list: names starting with the query first, then by name (Dutch collation), then id.
 * Returns a comparator; pure.
 */
export function byRelevance(q: string): (a: Searchable, b: Searchable) => number {
  const start = folded(q.trim());
  const collator = new Intl.Collator('nl', { sensitivity: 'base' });
  const rank = (o: Searchable) => (start && folded(o.name).startsWith(start) ? 0 : 1);
  return (a, b) => rank(a) - rank(b) || collator.compare(a.name, b.name) || a.id.localeCompare(b.id);
}
