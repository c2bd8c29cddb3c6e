/**
 * The kinds of organisation the directory knows. The first four are registered by ops with their codes;
 * `rmc` (a region) and `gemeente` (a municipality as such) come from a built-in source (CBS data).
 */
export const REGISTERED_KINDS = ['school', 'werk-inkomen', 'zorg', 'platform'] as const;
export const BUILT_IN_KINDS = ['rmc', 'gemeente'] as const;
export const ORGANISATION_KINDS = [...REGISTERED_KINDS, ...BUILT_IN_KINDS] as const;

export type RegisteredKind = (typeof REGISTERED_KINDS)[number];
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * One organisation as the directory answers it. `id` is the platform's organisation id (`brin:25XY`,
 * `agb:12345678`, `gemeente:GM0363`, `oin:<20 digits>`, `rmc:<region code>`), `code` its bare code
 * (`25XY`), `name` what a person reads. A deactivated organisation keeps its name (old records still show
 * it) but receives nothing new.
 */
export interface Organisation {
  id: string;
  kind: OrganisationKind;
  code: string;
  name: string;
  active: boolean;
  /** `registered` through the ops API, or `built-in` (municipalities and RMC regions from CBS data). */
  source: 'registered' | 'built-in';
}
