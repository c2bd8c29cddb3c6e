/**
 * Care information (zorginformatie) is a special category of personal data (AVG art. 9): it is kept in the
 * zorg store only and shared with another organisation only on the young person's explicit consent, at
 * level `inhoud`, for a purpose they consented to. No convenant rule may share it on a legal task.
 */
export const CARE_KINDS = ['jeugdhulp', 'ggz', 'wmo-ondersteuning', 'wijkteam', 'verslavingszorg', 'anders'] as const;
export type CareKind = (typeof CARE_KINDS)[number];

/** The data category the consent service knows this content by. */
export const CARE_DATA_CATEGORIES = ['zorginformatie'];

/** Purposes another organisation may ask care information for; the consent names one of them. */
export const CARE_READ_PURPOSES = ['warme-overdracht', 'trajectbegeleiding'] as const;
export type CareReadPurpose = (typeof CARE_READ_PURPOSES)[number];
