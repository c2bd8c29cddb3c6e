import type { RegisteredKind } from '@estafette/organisations-client';
import type { BuiltInOrganisations } from './domain/built-in-organisations.js';

export const ORGANISATIONS_SETTINGS = Symbol('ORGANISATIONS_SETTINGS');

/** An organisation as a seed file lists it: what ops would register through the API. */
export interface SeedOrganisation {
  kind: RegisteredKind;
  code: string;
  name: string;
}

export interface OrganisationsSettings {
  /** Municipalities and RMC regions (CBS); FALLBACK_BUILT_IN until the CBS source is wired in. */
  builtIn: BuiltInOrganisations;
  /** Registered at start when not there yet (development: the demo organisations); never overwrites a change ops made. */
  seed?: { label: string; organisations: SeedOrganisation[] };
}
