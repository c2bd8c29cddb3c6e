import type { CloudEvent } from '@estafette/contracts';

/** Where an event belongs for steering figures; null when the event does not say (joined later by pseudonym). */
export interface SteeringDimensions {
  /** The RMC region the event names (a vsv-melding's rmcRegion). */
  region: string | null;
  /** The RMC region of the municipality of residence the event names: the fallback when no event names a region. */
  residenceRegion: string | null;
  municipality: string | null;
  school: string | null;
}

/** MCxx of a municipality code on a date (YYYY-MM-DD), undefined for an unknown code: the CBS indeling, given by the caller. */
export type RegionOfMunicipality = (municipality: string, date: string) => string | undefined;

export function steeringDimensions(event: CloudEvent, regionOf: RegionOfMunicipality = () => undefined): SteeringDimensions {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const school = (data.school ?? data.lastSchool) as { organisationType?: string; id?: string } | undefined;
  const municipality = typeof data.municipalityOfResidence === 'string' ? data.municipalityOfResidence : null;
  return {
    region: typeof data.rmcRegion === 'string' ? data.rmcRegion : null,
    residenceRegion: municipality ? (regionOf(municipality, event.time.slice(0, 10)) ?? null) : null,
    municipality,
    school: school?.organisationType === 'school' && school.id ? school.id : null,
  };
}

/** A follow-up check's type and outcome (contract enums), for the share still in school or work after a year. */
export function followUp(event: CloudEvent): { check: string | null; outcome: string | null } {
  const data = (event.data ?? {}) as Record<string, unknown>;
  return {
    check: typeof data.checkType === 'string' ? data.checkType : null,
    outcome: typeof data.outcome === 'string' ? data.outcome : null,
  };
}
