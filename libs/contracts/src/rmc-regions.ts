import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface RegionSettings {
  /** A new enrolment within this many days after deregistration cancels the melding. */
  gracePeriodDays: number;
  firstContactWorkingDays: number;
  failedAttemptsBeforeBuitenBeeld: number;
  /** Months before the 23rd birthday that the handover to Werk & Inkomen is prepared. */
  wiHandoverLeadMonths: number;
  /** Working days a receiver has to answer a handover offer (default 5, see @estafette/overdracht). */
  offerResponseWorkingDays?: number;
}

export interface Region {
  code: string;
  name: string;
  contactgemeente: string;
  municipalities: string[];
  settings?: Partial<RegionSettings>;
}

export interface RegionMap {
  version: string;
  defaults: RegionSettings;
  regions: Region[];
}

export interface RoutedRegion {
  code: string;
  settings: RegionSettings;
}

/** Every municipality belongs to exactly one RMC region; a map that says otherwise is refused at start. */
export function buildRouter(map: RegionMap): (municipality: string) => RoutedRegion | undefined {
  const byMunicipality = new Map<string, RoutedRegion>();
  for (const region of map.regions) {
    const routed = { code: region.code, settings: { ...map.defaults, ...region.settings } };
    for (const municipality of region.municipalities) {
      if (byMunicipality.has(municipality)) throw new Error(`municipality ${municipality} is in two regions`);
      byMunicipality.set(municipality, routed);
    }
  }
  return (municipality) => byMunicipality.get(municipality);
}

/**
 * The one region map of the platform (municipality of residence -> RMC region): the RMC routes its tasks by
 * it, the school shares a dossier with an RMC only for a young person living in that RMC's region.
 * Override with RMC_REGION_MAP (a file of the same shape).
 */
export const DEFAULT_REGION_MAP_FILE = path.join(import.meta.dirname, '../data/rmc-regions.json');

/** Reads and checks a region map file; throws naming the file when it is not one. */
export function loadRegionMap(file: string = process.env.RMC_REGION_MAP ?? DEFAULT_REGION_MAP_FILE): RegionMap {
  const map = JSON.parse(readFileSync(file, 'utf8')) as RegionMap;
  if (!map.defaults || !Array.isArray(map.regions)) throw new Error(`${file} is not a region map (see services/rmc/README.md)`);
  return map;
}
