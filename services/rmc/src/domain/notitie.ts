/**
 * A note (notitie): free text of the consulent on a contact moment or on the plan van aanpak. Kept in the RMC's own
 * store only, never on the bus (the young person will read them in their inzage). Source: design (issue 22).
 */
export const NOTITIE_MAX_LENGTH = 4000;

/** What a note is written on. */
export type NotitieBij = 'contactmoment' | 'plan';
