import type { InzageAccess, InzageOrganisation, InzageValue } from './inzage-document.js';

/** Roles in plain Dutch (B1), for the young person reading their inzage. Source: design. */
const ROLE_NAMES: Record<string, string> = {
  'school-system': 'de administratie van de school',
  'school-staff': 'een medewerker van de school',
  'rmc-consulent': 'een RMC-consulent',
  'rmc-coordinator': 'een RMC-coördinator',
  'wi-consulent': 'een consulent van Werk & Inkomen',
  'zorg-consulent': 'een zorgconsulent',
  ops: 'een beheerder van het platform',
  'privacy-officer': 'een privacyfunctionaris',
  jongere: 'jijzelf',
  'ouder-of-voogd': 'je ouder of voogd',
  service: 'een systeem van het platform',
};

/** Purposes in plain Dutch. Unknown ones are shown as they are. Source: consent vocabulary (services/consent/src/domain/vocabulary.ts) and design. */
const PURPOSE_NAMES: Record<string, string> = {
  'warme-overdracht': 'om je warm over te dragen naar een andere organisatie',
  trajectbegeleiding: 'om je te begeleiden',
  nazorg: 'voor nazorg na je uitschrijving',
  terugmelding: 'om terug te melden hoe het met je gaat',
  'melding-uitschrijving': 'omdat de school je uitschrijving moet melden',
  'vsv-registratie': 'omdat het RMC jongeren zonder startkwalificatie moet registreren',
  verzuimmelding: 'voor een verzuimmelding',
  werklijst: 'om de werklijst te bekijken',
  herinschrijving: 'omdat je weer bent ingeschreven',
  inzage: 'omdat jij (of de privacyfunctionaris voor jou) om inzage vroeg',
};

/** What was read, in plain Dutch, from the resource path (`taak/<id>`, `verwijzing/<id>/zorginformatie`, ...). */
export function resourceInDutch(resource: string): string {
  const [kind, , part] = resource.split('/');
  if (part === 'dossier') return 'je schoolgegevens (dossier)';
  if (part === 'zorginformatie') return 'je zorginformatie';
  if (part === 'contactpersoon') return 'wie je contactpersoon is bij een overdracht';
  if (part === 'plan') return 'je plan van aanpak';
  if (part === 'jongere') return 'je naam, contactgegevens en schoolloopbaan';
  const kinds: Record<string, string> = {
    taak: 'je dossier bij het RMC',
    uitschrijving: 'je uitschrijving van school',
    inschrijving: 'je inschrijving op school',
    verwijzing: 'je verwijzing',
    plaatsing: 'je plaatsing (werk, opleiding of zorg)',
    overdracht: 'je overdracht',
    toestemming: 'je toestemmingen',
    toestemmingen: 'je toestemmingen',
    inzage: 'je inzage',
  };
  return kinds[kind ?? ''] ?? resource;
}

/** The basis in plain Dutch: why the reader was allowed to read (or that they were not). */
export function basisInDutch(basis: string): string {
  if (basis === 'own-organisation') return 'de organisatie bewaart deze gegevens zelf';
  if (basis === 'own-record') return 'het zijn je eigen gegevens';
  if (basis.startsWith('consent:')) return 'jij gaf toestemming';
  if (basis.startsWith('legal-basis:')) return 'de wet of een afspraak tussen organisaties (convenant) staat het toe';
  if (basis.startsWith('refused:')) return `geweigerd: ${basis.slice('refused:'.length)}`;
  return basis;
}

export const roleInDutch = (role: string): string => ROLE_NAMES[role] ?? role;
export const purposeInDutch = (purpose: string | null): string =>
  purpose === null ? 'het doel is niet vastgelegd' : (PURPOSE_NAMES[purpose] ?? purpose);

/** An organisation by name, with its code; "onbekende organisatie" without one. */
export function organisationInDutch(organisation: InzageOrganisation | null): string {
  if (!organisation) return 'geen organisatie';
  return organisation.name ? `${organisation.name} (${organisation.id})` : organisation.id;
}

/** A value as text: ja/nee, "niet ingevuld" for nothing. */
export function valueInDutch(value: InzageValue): string {
  if (value === null || value === '') return 'niet ingevuld';
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  return String(value);
}

/** A date and time in Amsterdam, e.g. "25 november 2026 om 14:05". */
export function momentInDutch(iso: string): string {
  const at = new Date(iso);
  const date = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' }).format(
    at,
  );
  const time = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' }).format(at);
  return `${date} om ${time}`;
}

/** One read as one B1 sentence addressed to the young person ("je"). */
export function accessInDutch(access: InzageAccess): string {
  const who = `${roleInDutch(access.role)}${access.organisation ? ` van ${organisationInDutch(access.organisation)}` : ''}`;
  if (access.refused)
    return `Op ${momentInDutch(access.at)} wilde ${who} ${resourceInDutch(access.resource)} bekijken. Dat mocht niet (${basisInDutch(access.basis)}).`;
  return `Op ${momentInDutch(access.at)} bekeek ${who} ${resourceInDutch(access.resource)}, ${purposeInDutch(access.purpose)}. Dat mocht omdat ${basisInDutch(access.basis)}.`;
}
