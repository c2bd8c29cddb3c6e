import type { TaakCorrectie } from './Correcties.js';
/** The RMC's codes in Dutch for the screen (the API keeps the codes). */
export const TAAK_STATUS: Record<string, string> = {
  nieuw: 'Nieuw',
  toegewezen: 'Toegewezen',
  'in-contact': 'In contact',
  traject: 'Traject',
  overgedragen: 'Overgedragen',
  gesloten: 'Gesloten',
};
export const OVERDRACHT_STATUS: Record<string, string> = {
  aangeboden: 'Aangeboden, wacht op antwoord',
  geaccepteerd: 'Geaccepteerd',
  afgewezen: 'Afgewezen',
  verlopen: 'Verlopen (geen antwoord)',
  ingetrokken: 'Ingetrokken',
  'eerste-contact-gehad': 'Eerste contact gehad',
  'eerste-contact-gemist': 'Eerste contact gemist',
  geplaatst: 'Afgerond: geplaatst',
  mislukt: 'Mislukt',
};
/**
 * Where an offer of the region leaves the baton, by its status: with the sender until the receiver accepts (design,
 * libs/overdracht `receiverHolds`). Later events (an end, an uitval) can move it on: the task shows the current holder.
 */
export const BATON_BY_OFFER_STATUS: Record<string, string> = {
  aangeboden: 'Bij uw regio, tot de ontvanger accepteert',
  geaccepteerd: 'Bij de ontvanger',
  'eerste-contact-gehad': 'Bij de ontvanger',
  'eerste-contact-gemist': 'Bij de ontvanger',
  geplaatst: 'Bij de ontvanger',
  afgewezen: 'Bij uw regio',
  verlopen: 'Bij uw regio',
  ingetrokken: 'Bij uw regio',
  mislukt: 'Uitgevallen: bij wie de uitval terugkreeg',
};
export const ORGANISATION_TYPE: Record<string, string> = { 'werk-inkomen': 'Werk & Inkomen', zorg: 'Zorg', school: 'School', rmc: 'RMC' };
export const CHANNELS = ['telefoon', 'huisbezoek', 'brief', 'sms', 'e-mail', 'via-school', 'op-kantoor'] as const;
export const OUTCOMES = ['bereikt', 'niet-bereikt', 'afspraak-gemaakt', 'geweigerd'] as const;
export const WITHDRAW_REASONS = ['niet-meer-nodig', 'verkeerde-ontvanger', 'jongere-weigert', 'toestemming-ingetrokken', 'anders'] as const;
export const PURPOSES = ['onderwijs', 'werk', 'inkomen', 'zorg', 'nazorg'] as const;
export const REASONS = [
  'school-geen-optie',
  'leeftijdsgrens-rmc',
  'ondersteuning-nodig',
  'terug-naar-onderwijs',
  'nazorg-pro-vso',
  'uitval-na-plaatsing',
  'anders',
] as const;
export const REASON_LABELS: Record<string, string> = {
  'school-geen-optie': 'School is (nu) geen optie',
  'leeftijdsgrens-rmc': 'Leeftijdsgrens RMC bereikt',
  'ondersteuning-nodig': 'Ondersteuning nodig',
  'terug-naar-onderwijs': 'Terug naar onderwijs',
  'nazorg-pro-vso': 'Nazorg pro/vso',
  'uitval-na-plaatsing': 'Uitval na plaatsing',
  verhuizing: 'Verhuisd naar een andere RMC-regio',
  anders: 'Anders',
};
export const BASIS: Record<string, string> = {
  convenant: 'wettelijke taak (convenant)',
  'wettelijke-verplichting': 'wettelijke verplichting',
  'publieke-taak': 'publieke taak',
  toestemming: 'toestemming van de jongere',
};

/** "consent:<id>" or "convenant:<rule>" (the school's accessBasis) in words. */
export function basisText(basis: string | undefined): string {
  if (!basis) return 'onbekend';
  const [kind, ref] = basis.split(':');
  if (kind === 'consent') return `toestemming van de jongere (toestemming ${ref})`;
  if (kind === 'legal-basis') return `wettelijke taak volgens convenant ${basis.slice('legal-basis:'.length)}`;
  return BASIS[kind!] ?? basis;
}

export interface Taak {
  id: string;
  pseudonymousReference: string;
  region: string;
  status: string;
  closeReason: string | null;
  assignedTo: string | null;
  school: string;
  /** The school's name from the organisation directory; null when it does not know it. */
  schoolName: string | null;
  municipality: string;
  /** The municipality's CBS name; null when the RMC does not know the code. */
  municipalityName: string | null;
  /** The region's CBS name (Agglomeratie Amsterdam for MC21); null when unknown. */
  regionName: string | null;
  ageAtRegistration: number;
  registrationDate: string;
  firstContactDueDate: string;
  overdue: boolean;
  failedAttempts: number;
  buitenBeeld: boolean;
  wiOverdrachtVoorbereiden: boolean;
  /** The school's corrections of the uitschrijving (GET /taken/:id only). */
  correcties?: TaakCorrectie[];
  /** The plan van aanpak's next step (YYYY-MM-DD); null without a plan. */
  nextStepOn: string | null;
  /** The next step's date came: back on top of the worklist. */
  terugBovenaan: boolean;
  /** The last day the periodic contact is in time; null before the first contact. */
  periodiekContactUiterlijk: string | null;
  periodiekContactTeLaat: boolean;
}

/** The service's limit on free text (notities, a plan's goals): 4000 characters. */
export const FREE_TEXT_MAX = 4000;

/** An offer of the region (GET /overdrachten-uit, GET /taken/:id/overdrachten); localRef is the task's id. */
export interface Overdracht {
  id: string;
  localRef: string;
  to: { organisationType: string; id: string };
  /** The receiver's name from the organisation directory; null when it does not know it. */
  toName: string | null;
  status: string;
  purpose: string;
  handoverReason: string;
  contactPerson: string;
  responseDueAt: string;
  /** The last Amsterdam day on which the receiver's answer is in time. */
  responseDueOn: string;
  firstContactProposedOn: string | null;
  firstContactPlannedOn: string | null;
  /** A school that takes the young person back: the date it plans to enrol them. */
  enrolmentPlannedOn: string | null;
  answerReason: string | null;
  placementType: string | null;
  createdAt: string;
}
