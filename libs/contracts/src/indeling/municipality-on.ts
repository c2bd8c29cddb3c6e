import type { Indeling } from './indeling.js';

/** A municipality code as it stands on a date, and the municipality of the indeling it routes to today. */
export type MunicipalityOn =
  | {
      known: true;
      /** The listed municipality the code routes to (the code itself, or the one it merged into). */
      code: string;
      name: string;
      /** The code as given, when a merger mapped it onto `code`. */
      mergedFrom?: string;
      /** MCxx of `code`. */
      rmcRegion: string;
      /** AMxx of `code`. */
      labourMarketRegion: string;
    }
  | { known: false; reason: string };

/**
 * Whether `code` (GMxxxx) is a municipality on `date` (YYYY-MM-DD, Europe/Amsterdam calendar date), after the
 * mergers in force on that date; and where it routes. A code that merged later than `date` still existed
 * then and routes to the municipality that took it over (the indeling has only this year's regions).
 * A listed code is taken as existing on any date: the indeling has no founding dates.
 * Source: design, on CBS Gebiedsindelingen and the herindeling table (data/cbs-2025/README.md).
 */
export function municipalityOn(indeling: Indeling, code: string, date: string): MunicipalityOn {
  let current = code;
  // Mergers in force on the date, then (for a code that still existed then) the later ones: the chain ends on a
  // listed municipality, the loader checked that.
  for (const inForce of [true, false]) {
    for (
      let merger = indeling.mergers.get(current);
      merger && (!inForce || merger.effectiveOn <= date);
      merger = indeling.mergers.get(current)
    ) {
      current = merger.newCode;
    }
    if (indeling.municipalities.has(current)) break;
    if (inForce && !indeling.mergers.has(current)) {
      return { known: false, reason: `${code} is not a municipality on ${date} (CBS list ${indeling.year}, mergers applied)` };
    }
  }
  return {
    known: true,
    code: current,
    name: indeling.municipalities.get(current)!,
    ...(current !== code ? { mergedFrom: code } : {}),
    rmcRegion: indeling.rmcRegionOf.get(current)!,
    labourMarketRegion: indeling.labourMarketRegionOf.get(current)!,
  };
}

/** The RMC region (MCxx and name) of the young person's municipality on `date`; undefined for an unknown code. */
export function regionOn(indeling: Indeling, municipality: string, date: string): { code: string; name: string } | undefined {
  const found = municipalityOn(indeling, municipality, date);
  if (!found.known) return undefined;
  return { code: found.rmcRegion, name: indeling.rmcRegions.get(found.rmcRegion)!.name };
}
