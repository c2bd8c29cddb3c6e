import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Indeling } from './indeling/indeling.js';
import { platformIndeling } from './indeling/load-indeling.js';
import { municipalityOn } from './indeling/municipality-on.js';

export interface RegionSettings {
  /** A new enrolment within this many days after deregistration cancels the melding. */
  gracePeriodDays: number;
  firstContactWorkingDays: number;
  failedAttemptsBeforeBuitenBeeld: number;
  /** Months before the 23rd birthday that the handover to Werk & Inkomen is prepared. */
  wiHandoverLeadMonths: number;
  /** Working days a receiver has to answer a handover offer (default 5, see @estafette/overdracht). */
  offerResponseWorkingDays?: number;
  /**
   * Months between contact moments with a young person the RMC has reached (periodic contact, source 001:161; the
   * period is design, default 3 in data/rmc-regions.json). The services read 3 when a map leaves it out.
   */
  periodicContactMonths?: number;
}

/** What one region sets differently from the defaults; `contactgemeente` is named by OCW, not by CBS. */
export interface RegionOverrides extends Partial<RegionSettings> {
  contactgemeente?: string;
}

/**
 * Per-region settings on top of the CBS indeling: defaults for every region, overrides per CBS region code
 * (MCxx). Which municipality is in which region is CBS's (src/indeling), never this file's.
 */
export interface RegionMap {
  version: string;
  defaults: RegionSettings;
  regions: Record<string, RegionOverrides>;
}

export interface RoutedRegion {
  /** CBS RMC region code, MC21. */
  code: string;
  /** CBS name, Agglomeratie Amsterdam. */
  name: string;
  settings: RegionSettings;
}

/** Municipality of residence -> RMC region with its settings, on the CBS indeling. */
export interface RegionRouter {
  /**
   * The region of `municipality` (GMxxxx) on `date` (YYYY-MM-DD), after the mergers in force on that date;
   * undefined for a code that is not a municipality then.
   */
  route(municipality: string, date: string): RoutedRegion | undefined;
  /** A region's settings: the defaults with its overrides; the defaults for a code that is no region. */
  settingsOf(region: string): RegionSettings;
  /** CBS name of an RMC region (MC21 -> Agglomeratie Amsterdam); undefined for an unknown code. */
  regionName(region: string): string | undefined;
  /** CBS name of a municipality, also of an old code that merged (GM0457 -> Weesp); undefined when unknown. */
  municipalityName(municipality: string): string | undefined;
  readonly indeling: Indeling;
}

/**
 * Builds the router of the platform. A map that names a region CBS does not have, or a contactgemeente outside
 * its region, is refused at start (thrown, naming the region).
 */
export function buildRouter(map: RegionMap, indeling: Indeling = platformIndeling()): RegionRouter {
  const settings = new Map<string, RegionSettings>();
  for (const [code, overrides] of Object.entries(map.regions)) {
    const region = indeling.rmcRegions.get(code);
    if (!region) throw new Error(`region map ${map.version}: ${code} is not a CBS RMC region (MC01..MC41)`);
    const { contactgemeente, ...own } = overrides;
    if (contactgemeente !== undefined && !region.municipalities.includes(contactgemeente))
      throw new Error(`region map ${map.version}: contactgemeente ${contactgemeente} of ${code} is not a municipality of that region`);
    settings.set(code, { ...map.defaults, ...own });
  }
  const settingsOf = (code: string) => settings.get(code) ?? map.defaults;
  return {
    indeling,
    route(municipality, date) {
      const found = municipalityOn(indeling, municipality, date);
      if (!found.known) return undefined;
      return { code: found.rmcRegion, name: indeling.rmcRegions.get(found.rmcRegion)!.name, settings: settingsOf(found.rmcRegion) };
    },
    settingsOf,
    regionName: (code) => indeling.rmcRegions.get(code)?.name,
    municipalityName: (code) => indeling.municipalities.get(code) ?? indeling.mergers.get(code)?.oldName,
  };
}

/**
 * The one region settings file of the platform: the RMC routes its tasks by the CBS indeling with these settings,
 * the school shares a dossier with an RMC only for a young person living in that RMC's region.
 * Override with RMC_REGION_MAP (a file of the same shape).
 */
export const DEFAULT_REGION_MAP_FILE = path.join(import.meta.dirname, '../data/rmc-regions.json');

/** Reads and checks a region map file; throws naming the file when it is not one. */
export function loadRegionMap(file: string = process.env.RMC_REGION_MAP ?? DEFAULT_REGION_MAP_FILE): RegionMap {
  const map = JSON.parse(readFileSync(file, 'utf8')) as RegionMap;
  if (!map.defaults || typeof map.regions !== 'object' || map.regions === null || Array.isArray(map.regions))
    throw new Error(`${file} is not a region map: { version, defaults, regions: { MCxx: overrides } } (see services/rmc/README.md)`);
  return map;
}
