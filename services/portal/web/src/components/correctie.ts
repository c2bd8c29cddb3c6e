import type { CORRECTABLE_FIELDS, CORRECTIE_REASONS, INTREKKING_REASONS } from '@estafette/contracts';
import { formatDate } from './format.js';

/** Why a school corrects an uitschrijving, in Dutch: every code of CORRECTIE_REASONS (checked by the compiler). */
export const CORRECTIE_REDEN: Record<(typeof CORRECTIE_REASONS)[number], string> = {
  invoerfout: 'Invoerfout in de schooladministratie',
  'nagekomen-gegevens': 'Gegevens later bekend (bijvoorbeeld de examenuitslag)',
  anders: 'Andere reden',
};

/** Why a school withdraws an uitschrijving, in Dutch: every code of INTREKKING_REASONS. */
export const INTREKKING_REDEN: Record<(typeof INTREKKING_REASONS)[number], string> = {
  'verkeerde-leerling': 'Verkeerde leerling uitgeschreven',
  'dubbel-geregistreerd': 'Twee keer doorgegeven',
  'niet-uitgeschreven': 'De leerling is niet vertrokken',
};

/** The fields a correction can change, in Dutch. */
export const CORRECTIE_VELD: Record<(typeof CORRECTABLE_FIELDS)[number], string> = {
  dateOfDeregistration: 'Datum uitschrijving',
  schoolType: 'Onderwijssoort',
  highestDiploma: 'Hoogste diploma',
  municipalityOfResidence: 'Woongemeente',
};

/** One correction as a school or RMC service answers it: per changed field its value before and after. */
export type CorrectieChanges = Record<string, { from: string | null; to: string }>;

/** One changed field of a correction: its Dutch label and its value before (null: none) and after. */
export interface Wijziging {
  field: string;
  label: string;
  from: string | null;
  to: string;
}

/** A correction's changes field by field, in the service's order; a withdrawal changes no field (empty list). */
export const wijzigingen = (changes: CorrectieChanges): Wijziging[] =>
  Object.entries(changes).map(([field, { from, to }]) => ({
    field,
    label: CORRECTIE_VELD[field as keyof typeof CORRECTIE_VELD] ?? field,
    from,
    to,
  }));

/** A value as read: a date in Dutch words, any other value as it came (a municipality code is shown by its name elsewhere). */
export const waardeText = (value: string | null): string =>
  value === null ? '-' : /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value;

/** The reason of a correction or withdrawal in Dutch; an unknown code is shown as it came. */
export function correctieRedenText(kind: string, reason: string): string {
  const labels: Record<string, string> = kind === 'intrekking' ? INTREKKING_REDEN : CORRECTIE_REDEN;
  return labels[reason] ?? reason;
}
