import type { OrganisationType } from './vocabulary.js';

/** One organisation, or (without id) every organisation of a type; never "anyone". */
export interface Party {
  organisationType: OrganisationType;
  id?: string;
}

/** The organisation taking part in a decision: always a specific one. */
export interface Organisation {
  organisationType: OrganisationType;
  id: string;
}

export function partyIncludes(party: Party, organisation: Organisation): boolean {
  if (party.organisationType !== organisation.organisationType) return false;
  return party.id === undefined || party.id === organisation.id;
}

export function describeParty(party: Party): string {
  return party.id ?? `elke organisatie van het type ${party.organisationType}`;
}
