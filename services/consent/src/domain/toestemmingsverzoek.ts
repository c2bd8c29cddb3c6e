import type { ConsentPurpose, DataCategory } from './vocabulary.js';

/** Where a consent request stands: open until the young person answers; `akkoord` made a consent (which may wait for a guardian). */
export const VERZOEK_STATUSES = ['open', 'akkoord', 'afgewezen'] as const;
export type VerzoekStatus = (typeof VERZOEK_STATUSES)[number];

const CATEGORY_WORDS: Record<DataCategory, string> = {
  contactgegevens: 'je contactgegevens (naam, adres, telefoon)',
  schoolgegevens: 'je schoolgegevens (school, opleiding, diploma)',
  trajectgegevens: 'je traject (begeleiding, afspraken)',
  ondersteuningsbehoefte: 'waar je hulp bij nodig hebt',
  documenten: 'documenten',
  zorginformatie: 'informatie over zorg',
};

const PURPOSE_WORDS: Record<ConsentPurpose, string> = {
  'warme-overdracht': 'een warme overdracht, zodat zij je verder kunnen helpen',
  trajectbegeleiding: 'begeleiding tijdens je traject',
  nazorg: 'nazorg',
  terugmelding: 'terugmelding',
};

/** An organisation as the text names it: "Demo College (brin:25XY)", or the id alone when the directory does not know it. */
export const named = (id: string, name: string | null | undefined) => (name ? `${name} (${id})` : id);

/**
 * The exact text a consent request puts before the young person, in plain Dutch addressed as "je" (B1): who asks,
 * which data, from which holder, why (the requester's own words), what for and until when. What the young person
 * approves becomes the consent's wording, word for word. `validUntil` is an Amsterdam date, written out by the caller.
 * Source: design (issue 23, consent asked in context).
 */
export function verzoekText(v: {
  requester: string;
  holder: string;
  dataCategories: readonly DataCategory[];
  purpose: ConsentPurpose;
  reason: string;
  validUntilWords: string;
}): string {
  const what = v.dataCategories.map((c) => CATEGORY_WORDS[c]).join(', ');
  return (
    `${v.requester} vraagt je toestemming om deze gegevens van ${v.holder} te krijgen: ${what}. ` +
    `Waarom: ${v.reason.trim()} Doel: ${PURPOSE_WORDS[v.purpose]}. ` +
    `De toestemming geldt tot en met ${v.validUntilWords}. Je kunt hem altijd eerder intrekken.`
  );
}
