import type { DecidedBy, DecisionReason } from './decide.js';
import type { DataCategory, Level, Purpose } from './vocabulary.js';

/** The words a young person reads in their access log: no codes, no jargon where it can be avoided. */
const CATEGORY: Record<DataCategory, string> = {
  contactgegevens: 'contactgegevens',
  schoolgegevens: 'gegevens over je school en opleiding',
  trajectgegevens: 'gegevens over je begeleiding',
  ondersteuningsbehoefte: 'wat je nodig hebt aan ondersteuning',
  documenten: 'documenten (zoals een overdrachtsdocument)',
  zorginformatie: 'informatie over zorg',
};

const PURPOSE: Record<Purpose, string> = {
  'warme-overdracht': 'om je goed over te dragen aan een andere organisatie',
  trajectbegeleiding: 'om je te begeleiden',
  nazorg: 'voor nazorg',
  terugmelding: 'om te laten weten hoe het verder ging',
  'melding-uitschrijving': 'voor de verplichte melding dat je van school bent gegaan',
  'vsv-registratie': 'voor de verplichte registratie van jongeren zonder diploma',
  verzuimmelding: 'voor de verplichte verzuimmelding',
};

const REFUSAL: Partial<Record<DecisionReason, string>> = {
  'alleen-signaal-toegestaan': 'ze mochten alleen weten dát er contact met je is, niet wat',
  'toestemming-ingetrokken': 'je hebt je toestemming ingetrokken',
  'toestemming-verlopen': 'je toestemming was verlopen',
  'toestemming-nog-niet-geldig': 'je toestemming gold toen nog niet',
  'toestemming-ouder-of-voogd-ontbreekt': 'je ouder of voogd had nog geen toestemming gegeven',
  'geen-grondslag': 'er was geen toestemming en geen wettelijke regel',
};

export function listInDutch(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

function basisInDutch(decidedBy: DecidedBy): string {
  if (decidedBy.kind === 'toestemming') return 'omdat jij daar toestemming voor gaf';
  if (decidedBy.kind === 'convenant') {
    return decidedBy.grondslag === 'wettelijke-verplichting' ? 'omdat de wet dat verplicht' : 'omdat dat hoort bij hun wettelijke taak';
  }
  return '';
}

function when(at: Date): string {
  const parts = new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')} om ${get('hour')}:${get('minute')}`;
}

export interface AccessForReading {
  accessedAt: Date;
  requester: string;
  holder: string;
  dataCategories: DataCategory[];
  purpose: Purpose;
  level: Level;
  permitted: boolean;
  reason: DecisionReason;
  decidedBy: DecidedBy;
}

/** One line of the access log as the young person reads it. */
export function describeAccess(a: AccessForReading): string {
  const what = a.level === 'signaal' ? 'dat er contact met je is' : listInDutch(a.dataCategories.map((c) => CATEGORY[c]));
  const why = PURPOSE[a.purpose];
  if (a.permitted) {
    return `Op ${when(a.accessedAt)} heeft ${a.requester} ${what} bekeken bij ${a.holder}, ${why}. Dat mocht ${basisInDutch(a.decidedBy)}.`;
  }
  return `Op ${when(a.accessedAt)} wilde ${a.requester} ${what} bekijken bij ${a.holder}, ${why}. Dat is geweigerd: ${REFUSAL[a.reason] ?? 'er was geen grondslag'}.`;
}
