import { Organisatie, useOrganisationName } from '../../components/Organisatie.js';
import { ORG_TYPES, type Party } from './labels.js';

const kindText = (organisationType: string) => ORG_TYPES[organisationType] ?? organisationType;

/** One side of a consent: a named organisation (name and code), or every organisation of a kind ("School"). */
export function Partij({ party }: { party: Party }) {
  return party.id ? <Organisatie id={party.id} name={party.name} /> : <>{kindText(party.organisationType)}</>;
}

/**
 * A side of a consent in words, for a sentence ("U heeft de toestemming voor Demo College ondertekend.") or a screen
 * reader: the organisation's name (the code only while the directory does not know it), or the kind.
 */
export function usePartijNaam(party: Party): string {
  const name = useOrganisationName(party.id ?? null, party.name);
  return party.id ? (name ?? party.id) : kindText(party.organisationType);
}
