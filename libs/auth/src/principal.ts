/** Who may act on the platform. Machine clients and people share one vocabulary so one guard serves both. */
export const ROLES = [
  'school-system',
  'school-staff',
  'rmc-consulent',
  'rmc-coordinator',
  'wi-consulent',
  'zorg-consulent',
  'ops',
  'privacy-officer',
  'jongere',
  // A parent or guardian of a minor: co-signs the young person's consent (docs/security.md, Guardians).
  'ouder-of-voogd',
  'service',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_TYPES = ['school', 'rmc', 'werk-inkomen', 'zorg', 'platform'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Same schemes as the event contracts (libs/contracts fields.ts), so a token's organisation can go on the bus as is. */
export const ORGANISATION_ID_PATTERN = /^(oin:[0-9]{20}|brin:[0-9]{2}[A-Z0-9]{2}|rmc:MC[0-9]{2}|gemeente:GM[0-9]{4}|agb:[0-9]{8})$/;

/**
 * A role only makes sense inside some kinds of organisation; a token that pairs them otherwise was
 * minted by a misconfigured provider and is refused rather than guessed at.
 */
export const ROLE_ORGANISATION_TYPES: Record<Role, readonly OrganisationType[]> = {
  'school-system': ['school'],
  'school-staff': ['school'],
  'rmc-consulent': ['rmc'],
  'rmc-coordinator': ['rmc'],
  'wi-consulent': ['werk-inkomen'],
  'zorg-consulent': ['zorg'],
  ops: ['platform'],
  'privacy-officer': ['school', 'rmc', 'werk-inkomen', 'zorg', 'platform'],
  jongere: ['platform'],
  'ouder-of-voogd': ['platform'],
  // A platform service hosting many organisations of one kind (the school service hosts every school):
  // it asks the consent service on behalf of whichever of them holds the record. `platform`: the consent service's
  // own client, the one caller of every service's inzage route (docs/privacy.md, Inzage).
  service: ['school', 'rmc', 'werk-inkomen', 'zorg', 'platform'],
};

/**
 * Roles that act without an organisation id: a young person for themself, a parent or guardian for the young
 * people they are linked to, a service for all organisations of its kind.
 */
export const ROLES_WITHOUT_ORGANISATION: readonly Role[] = ['jongere', 'ouder-of-voogd', 'service'];

/** The caller of a request, taken from a validated access token. */
export interface Principal {
  /** Token subject: a user id, a client id, or for a young person their pseudonymous reference. */
  subject: string;
  role: Role;
  organisationType: OrganisationType;
  /** Absent only for a young person (acts for themself) and a service client (acts for every organisation of its kind). */
  organisationId?: string;
  clientId?: string;
  /**
   * Only for role ouder-of-voogd: the pseudonymous references (a young person's `sub`) of the young people this
   * guardian is linked to, from the provider's `guardian_of` claim. Absent for every other role.
   */
  guardianOf?: readonly string[];
}

/** Claim names in the access token; map them in Keycloak/Entra ID with protocol mappers / claims mapping. */
export const CLAIMS = {
  organisationId: 'organisation_id',
  organisationType: 'organisation_type',
  role: 'role',
  /** ouder-of-voogd only: array of the linked young people's subjects (pseudonymous references). */
  guardianOf: 'guardian_of',
} as const;
