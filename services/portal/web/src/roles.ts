import type { Claims } from './auth/oidc.js';

/** Dutch names of the roles, as the user sees them. */
export const ROLE_NAMES: Record<string, string> = {
  'school-staff': 'Schoolmedewerker',
  'rmc-consulent': 'RMC-consulent',
  'rmc-coordinator': 'RMC-coördinator',
  'wi-consulent': 'Consulent Werk & Inkomen',
  'zorg-consulent': 'Consulent zorg',
  ops: 'Beheer (ops)',
  'privacy-officer': 'Functionaris gegevensbescherming',
  jongere: 'Jongere',
  'ouder-of-voogd': 'Ouder of voogd',
};

/** The receiving service (libs/receiver) of a W&I or zorg consulent, or of school staff (back to school). */
export function receiverService(claims: Claims): 'werk-inkomen' | 'zorg' | 'school' | undefined {
  if (claims.role === 'wi-consulent') return 'werk-inkomen';
  if (claims.role === 'zorg-consulent') return 'zorg';
  if (claims.role === 'school-staff') return 'school';
  return undefined;
}
