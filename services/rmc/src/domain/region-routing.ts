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
