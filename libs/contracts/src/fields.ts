// Reusable field schemas. Every string carries an enum, a format or a pattern: free text could
// carry personal content onto the bus (see no-personal-content.test.ts).

/** `pr_` + 26 Crockford base32 characters (no I, L, O, U): opaque, carries no information about the person. */
export const PSEUDONYMOUS_REFERENCE_PATTERN = '^pr_[0-9A-HJKMNP-TV-Z]{26}$';

export const pseudonymousReference = {
  type: 'string',
  pattern: PSEUDONYMOUS_REFERENCE_PATTERN,
  description: "The young person's pseudonymous reference; also the Kafka record key.",
} as const;

export const uuid = { type: 'string', format: 'uuid' } as const;
export const date = { type: 'string', format: 'date' } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;

/** CBS municipality code, used to route to the right RMC region. */
export const municipalityCode = {
  type: 'string',
  pattern: '^GM[0-9]{4}$',
  description: 'CBS municipality code, e.g. GM0363.',
} as const;

export const rmcRegionCode = {
  type: 'string',
  pattern: '^MC[0-9]{2}$',
  description: 'RMC region code, e.g. MC21.',
} as const;

/** Age in whole years at the event date; derived, so the date of birth never travels. */
export const age = {
  type: 'integer',
  minimum: 0,
  maximum: 99,
  description: 'Age in whole years on the event date (derived from the date of birth, which is not sent).',
} as const;

export const organisationType = { type: 'string', enum: ['school', 'rmc', 'werk-inkomen', 'zorg'] } as const;

export const organisationId = {
  type: 'string',
  // oin: government bodies, brin: schools, rmc: RMC regions, gemeente: municipalities, agb: care providers.
  pattern: '^(oin:[0-9]{20}|brin:[0-9]{2}[A-Z0-9]{2}|rmc:MC[0-9]{2}|gemeente:GM[0-9]{4}|agb:[0-9]{8})$',
  description: 'Organisation identifier with its scheme: oin:<20 digits>, brin:<4>, rmc:MC<2>, gemeente:GM<4>, agb:<8 digits>.',
} as const;

/** Organisations appear by identifier only: never by name or with contact persons. */
export const organisation = {
  type: 'object',
  additionalProperties: false,
  required: ['organisationType', 'id'],
  properties: { organisationType, id: organisationId },
} as const;

export const schoolType = { type: 'string', enum: ['vo', 'mbo', 'pro', 'vso', 'entree', 'vavo'] } as const;

export const schoolLevel = {
  type: 'string',
  enum: [
    'vmbo-bb',
    'vmbo-kb',
    'vmbo-gt',
    'havo',
    'vwo',
    'mbo-1',
    'mbo-2',
    'mbo-3',
    'mbo-4',
    'pro',
    'vso-arbeidsmarkt',
    'vso-dagbesteding',
    'vso-vervolgonderwijs',
  ],
} as const;

export const diploma = {
  type: 'string',
  enum: ['geen', 'vmbo-bb', 'vmbo-kb', 'vmbo-gt', 'havo', 'vwo', 'mbo-1', 'mbo-2', 'mbo-3', 'mbo-4', 'hbo', 'wo'],
} as const;

export const placementType = {
  type: 'string',
  enum: ['onderwijs', 'betaald-werk', 'leerbaan', 'bbl', 'participatieplek', 'beschut-werk', 'dagbesteding', 'zorgtraject'],
} as const;

export const followUpCheckType = {
  type: 'string',
  enum: ['na-2-maanden', 'na-1-jaar', 'nazorg-pro', 'nazorg-vso'],
} as const;
