import type { CloudEvent } from '@estafette/contracts';

/** Where an event belongs for steering figures; null when the event does not say (joined later by pseudonym). */
export interface SteeringDimensions {
  region: string | null;
  municipality: string | null;
  school: string | null;
}

export function steeringDimensions(event: CloudEvent): SteeringDimensions {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const school = (data.school ?? data.lastSchool) as { organisationType?: string; id?: string } | undefined;
  return {
    region: typeof data.rmcRegion === 'string' ? data.rmcRegion : null,
    municipality: typeof data.municipalityOfResidence === 'string' ? data.municipalityOfResidence : null,
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
