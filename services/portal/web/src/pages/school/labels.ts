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
  toType: string;
  toId: string;
  status: string;
  answerReason: string | null;
  firstContactPlannedOn: string | null;
  dueAt: string;
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
};
