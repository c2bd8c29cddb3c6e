import { platformIndeling, type Indeling } from '@estafette/contracts';
import { builtInOrganisations, type BuiltInOrganisations } from '../domain/built-in-organisations.js';

/**
 * Municipalities and RMC regions as the directory knows them without registration: CBS's indeling of the year
 * (libs/contracts/data/cbs-2025; `CBS_INDELING_DIR` for another year). `rmc:MC21` is "Agglomeratie Amsterdam",
 * `gemeente:GM0363` "Amsterdam". Throws the indeling's error when its files are not what they should be.
 */
export function cbsBuiltIn(indeling: Indeling = platformIndeling()): BuiltInOrganisations {
  return builtInOrganisations(`CBS ${indeling.year}`, {
    municipalities: indeling.municipalities,
    rmcRegions: [...indeling.rmcRegions.values()].map((region) => [region.code, region.name] as const),
  });
}
