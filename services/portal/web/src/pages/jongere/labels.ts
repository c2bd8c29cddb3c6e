export const CATEGORIES: Record<string, string> = {
  contactgegevens: 'Mijn contactgegevens (naam, adres, telefoon)',
  schoolgegevens: 'Mijn schoolgegevens (school, opleiding, diploma)',
  trajectgegevens: 'Mijn traject (begeleiding, afspraken)',
  ondersteuningsbehoefte: 'Waar ik hulp bij nodig heb',
  documenten: 'Documenten',
  zorginformatie: 'Informatie over zorg',
};
export const PURPOSES: Record<string, string> = {
  'warme-overdracht': 'Een warme overdracht (zodat de volgende organisatie mij verder helpt)',
  trajectbegeleiding: 'Begeleiding tijdens mijn traject',
  nazorg: 'Nazorg',
  terugmelding: 'Terugmelding',
};
export const ORG_TYPES: Record<string, string> = {
  school: 'School',
  rmc: 'RMC (leerplicht en voortijdig schoolverlaten)',
  'werk-inkomen': 'Werk & Inkomen (gemeente)',
  zorg: 'Zorg',
};
export const STATUS: Record<string, string> = {
  actief: 'Geldig',
  ingetrokken: 'Ingetrokken',
  verlopen: 'Verlopen',
  'nog-niet-geldig': 'Nog niet geldig',
  active: 'Geldig',
  withdrawn: 'Ingetrokken',
  expired: 'Verlopen',
  'not-yet-valid': 'Nog niet geldig',
};

/** A party in words: the organisation's name and code when it is one organisation, else its kind ("School"). */
export const orgText = (p: { organisationType: string; id?: string | null; name?: string | null }) =>
  p.id && p.name ? `${p.name} (${p.id})` : `${ORG_TYPES[p.organisationType] ?? p.organisationType}${p.id ? ` (${p.id})` : ''}`;

/** A side of a consent as the consent service gives it: one organisation (`id`), or every organisation of a kind. */
export interface Party {
  organisationType: string;
  id?: string | null;
  name?: string | null;
}

export interface Toestemming {
  id: string;
  status: string;
  dataCategories: string[];
  from: Party;
  to: Party;
  purpose: string;
  validFrom: string;
  validUntil: string | null;
  wordingText: string;
  givenAt: string;
  withdrawnAt: string | null;
  /** Who withdrew it: the young person, or their parent or guardian who declined it. */
  withdrawnBy: 'jongere' | 'ouder-of-voogd' | null;
  /** Given by the young person, counts only once their parent or guardian co-signs (the school's record makes them a minor). */
  awaitingGuardian: boolean;
}
