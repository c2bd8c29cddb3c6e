// The words a consent and a convenant are made of. Data categories and consent purposes follow the
// toestemming event contract, so every consent given here can be announced on the bus.

export const DATA_CATEGORIES = [
  'contactgegevens',
  'schoolgegevens',
  'trajectgegevens',
  'ondersteuningsbehoefte',
  'documenten',
  'zorginformatie',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Purposes a young person can consent to. */
export const CONSENT_PURPOSES = ['warme-overdracht', 'trajectbegeleiding', 'nazorg', 'terugmelding'] as const;

/** Purposes that only a convenant rule can carry: they rest on the law, never on consent. */
export const LEGAL_PURPOSES = ['melding-uitschrijving', 'vsv-registratie', 'verzuimmelding'] as const;

export const PURPOSES = [...CONSENT_PURPOSES, ...LEGAL_PURPOSES] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type Purpose = (typeof PURPOSES)[number];

export const ORGANISATION_TYPES = ['school', 'rmc', 'werk-inkomen', 'zorg'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Legal bases (grondslagen) of AVG art. 6 that the privacy rules of the field use. */
export const GRONDSLAGEN = ['wettelijke-verplichting', 'publieke-taak', 'toestemming'] as const;
export type Grondslag = (typeof GRONDSLAGEN)[number];

/** THAT there is contact (signaal) versus WHAT the support is about (inhoud). */
export const LEVELS = ['signaal', 'inhoud'] as const;
export type Level = (typeof LEVELS)[number];

export const GRANTORS = ['jongere', 'ouder-of-voogd'] as const;
export type Grantor = (typeof GRANTORS)[number];

export const HOW_GIVEN = ['digitaal-ondertekend', 'papier-ondertekend', 'mondeling-vastgelegd'] as const;
export type HowGiven = (typeof HOW_GIVEN)[number];

export const ORGANISATION_ID = /^(oin:[0-9]{20}|brin:[0-9]{2}[A-Z0-9]{2}|rmc:MC[0-9]{2}|gemeente:GM[0-9]{4}|agb:[0-9]{8})$/;
export const PSEUDONYMOUS_REFERENCE = /^pr_[0-9A-HJKMNP-TV-Z]{26}$/;

/** 'inhoud' includes 'signaal': whoever may see what, may also see that. */
export function levelCovers(allowed: Level | null, requested: Level): boolean {
  if (allowed === null) return false;
  return allowed === 'inhoud' || requested === 'signaal';
}
