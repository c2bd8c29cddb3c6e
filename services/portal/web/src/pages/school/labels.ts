/** What the school service answers (GET /uitschrijvingen), and its codes in the words school staff use. */
export interface Uitschrijving {
  id: string;
  schoolReference: string;
  studentNumber: string;
  deregistrationDate: string;
  schoolType: string;
  schoolLevel: string | null;
  highestDiploma: string;
  hasStartkwalificatie: boolean;
  reason: string;
  nazorgStatus: string;
}

/** A handover this school offered (pro/vso, GET /overdrachten-uit); localRef is the uitschrijving's id. */
export interface UitgaandeOverdracht {
  id: string;
  localRef: string;
  to: { organisationType: string; id: string };
  /** The receiver's name from the organisation directory; null when it does not know it. */
  toName: string | null;
  status: string;
  answerReason: string | null;
  firstContactPlannedOn: string | null;
  responseDueAt: string;
  /** The last Amsterdam day on which the receiver's answer is in time. */
  responseDueOn: string;
  createdAt: string;
}

export const NAZORG_STATUS: Record<string, string> = {
  uitgeschreven: 'Uitgeschreven',
  'vsv-gemeld': 'Gemeld bij het RMC',
  'vsv-vervallen': 'Melding vervallen (weer ingeschreven)',
  overgedragen: 'Overgedragen',
  geplaatst: 'Geplaatst',
};

/** The nazorg view in plain words: what the school knows happened after the student left. */
export const NAZORG_UITLEG: Record<string, string> = {
  uitgeschreven: 'De uitschrijving is ontvangen; er is nog niets verder bekend.',
  'vsv-gemeld': 'Zonder startkwalificatie vertrokken: het RMC heeft een melding en neemt contact op.',
  'vsv-vervallen': 'De jongere staat weer ingeschreven op een school; de RMC-melding is vervallen.',
  overgedragen: 'De jongere is warm overgedragen aan Werk & Inkomen of zorg, die het nu oppakt.',
  geplaatst: 'De jongere is geplaatst in werk, opleiding of zorg.',
};

export const REDEN: Record<string, string> = {
  'diploma-behaald': 'Diploma behaald',
  'overstap-onderwijs': 'Overstap naar ander onderwijs',
  werk: 'Werk',
  'zonder-vervolg': 'Zonder vervolg',
  verhuizing: 'Verhuizing',
  emigratie: 'Emigratie',
  vrijstelling: 'Vrijstelling',
  verwijdering: 'Verwijdering',
  anders: 'Anders',
};

export const OVERDRACHT_STATUS: Record<string, string> = {
  aangeboden: 'Aangeboden, wacht op antwoord',
  geaccepteerd: 'Geaccepteerd',
  afgewezen: 'Afgewezen',
  verlopen: 'Verlopen (geen antwoord op tijd)',
  ingetrokken: 'Ingetrokken',
  'eerste-contact-gehad': 'Eerste contact gehad',
  'eerste-contact-gemist': 'Eerste contact gemist',
  geplaatst: 'Geplaatst',
  mislukt: 'Mislukt',
};

/** The CSV columns of the bulk import (services/school README), named as the template's header. */
export const KOLOM: Record<string, string> = {
  schoolReference: 'referentie',
  studentNumber: 'leerlingnummer',
  bsn: 'bsn',
  birthDate: 'geboortedatum',
  deregistrationDate: 'datum_uitschrijving',
  schoolType: 'onderwijssoort',
  schoolLevel: 'niveau',
  highestDiploma: 'hoogste_diploma',
  reason: 'reden',
  exitInterviewHeld: 'exitgesprek',
  municipalityOfResidence: 'gemeentecode',
  'contact.firstName': 'roepnaam',
  'contact.lastNamePrefix': 'tussenvoegsel',
  'contact.lastName': 'achternaam',
  'contact.phone': 'telefoon',
  'contact.email': 'email',
  'contact.street': 'straat',
  'contact.houseNumber': 'huisnummer',
  'contact.postcode': 'postcode',
  'contact.city': 'woonplaats',
};

/**
 * The school service gives its reasons in English (they are also for machines and logs); school staff read
 * Dutch. Known reasons are translated; an unknown one is shown as it came, so nothing is hidden.
 */
const REASONS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [
    /^line (\d+), column (\d+): the quote that opens this field is not closed on this line(; a typographic quote \((.)\))?/,
    (m) =>
      `regel ${m[1]}, kolom ${m[2]}: het aanhalingsteken waarmee dit veld begint, wordt op deze regel niet gesloten` +
      (m[3] ? `; een typografisch aanhalingsteken (${m[4]}) sluit geen veld af, typ een recht aanhalingsteken (")` : ''),
  ],
  [
    /^line (\d+), column (\d+): text follows the closing quote/,
    (m) => `regel ${m[1]}, kolom ${m[2]}: na het sluitende aanhalingsteken staat nog tekst`,
  ],
  [/has a two-digit year \((.+?)\)/, (m) => `heeft een jaartal van twee cijfers (${m[1]}): schrijf het jaar voluit, zoals 4-3-2008`],
  [/must be a date as d-m-jjjj/, () => 'moet een datum zijn als d-m-jjjj, dd-mm-jjjj of jjjj-mm-dd'],
  [/^bsn has (\d+) digits/, (m) => `heeft ${m[1]} cijfers: een BSN heeft er 9 (bij 8 wordt de voorloopnul aangevuld die Excel weglaat)`],
  [/^row has (\d+) fields, the header has (\d+)/, (m) => `de regel heeft ${m[1]} velden, de kopregel ${m[2]}`],
  [/not valid UTF-8/, () => 'de regel bevat tekens die niet als UTF-8 te lezen zijn: sla het hele bestand in één tekenset op'],
  [/elfproef/, () => 'moet 9 cijfers zijn die de elfproef doorstaan'],
  [/must be a real date/, () => 'moet een bestaande datum zijn (jjjj-mm-dd of dd-mm-jjjj)'],
  [/must be a date between (\d+) and (\d+) years ago/, (m) => `moet een datum zijn tussen ${m[1]} en ${m[2]} jaar geleden`],
  [
    /must be a date at most (\d+) years ago and at most (\d+) days ahead/,
    (m) => `moet een datum zijn van hoogstens ${m[1]} jaar geleden en hoogstens ${m[2]} dagen vooruit`,
  ],
  [/CBS municipality code/, () => 'moet een CBS-gemeentecode zijn, zoals GM0363'],
  [
    /no RMC region can be found for it/,
    () => 'is op de datum van uitschrijving geen gemeente volgens de CBS-lijst (met herindelingen): er is geen RMC-regio voor te vinden',
  ],
  [/must be one of the following values: (.*)$/, (m) => `moet een van deze waarden zijn: ${m[1]}`],
  [/should not be empty|must be longer than or equal to 1/, () => 'is verplicht'],
  [/must be a boolean/, () => 'moet ja of nee zijn'],
];

export function redenInNederlands(reason: string): string {
  for (const [pattern, dutch] of REASONS) {
    const m = reason.match(pattern);
    if (m) return dutch(m);
  }
  return reason;
}
