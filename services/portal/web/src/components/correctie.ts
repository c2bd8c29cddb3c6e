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

const shown = (value: string | null) => (value === null ? '-' : /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value);

/** "Woongemeente: GM0363 → GM0599; Datum uitschrijving: 1 juli 2026 → 30 juni 2026"; a withdrawal changes no field. */
export function changesText(changes: CorrectieChanges): string {
  const parts = Object.entries(changes).map(
    ([field, { from, to }]) => `${CORRECTIE_VELD[field as keyof typeof CORRECTIE_VELD] ?? field}: ${shown(from)} → ${shown(to)}`,
  );
  return parts.length ? parts.join('; ') : '-';
}

/** The reason of a correction or withdrawal in Dutch; an unknown code is shown as it came. */
export function correctieRedenText(kind: string, reason: string): string {
  const labels: Record<string, string> = kind === 'intrekking' ? INTREKKING_REDEN : CORRECTIE_REDEN;
  return labels[reason] ?? reason;
}
