import type { FieldError } from '@estafette/service-kit';
import { spellBoolean, spellBsn, spellDate, type Spelled } from './csv-spelling.js';

/** Column names a school export may use for each field (compared without case, spaces, `_` or `-`). */
export const CSV_COLUMNS = {
  schoolReference: ['schoolReference', 'referentie', 'kenmerk'],
  studentNumber: ['studentNumber', 'leerlingnummer'],
  bsn: ['bsn', 'burgerservicenummer'],
  birthDate: ['birthDate', 'geboortedatum'],
  deregistrationDate: ['deregistrationDate', 'datum_uitschrijving', 'uitschrijfdatum'],
  schoolType: ['schoolType', 'onderwijssoort'],
  schoolLevel: ['schoolLevel', 'niveau'],
  highestDiploma: ['highestDiploma', 'hoogste_diploma'],
  reason: ['reason', 'reden', 'reden_uitschrijving'],
  exitInterviewHeld: ['exitInterviewHeld', 'exitgesprek'],
  municipalityOfResidence: ['municipalityOfResidence', 'gemeentecode', 'woongemeente'],
  // Name and contact data (optional): stored at the school only, never on the bus (see ContactDto).
  'contact.firstName': ['firstName', 'roepnaam', 'voornaam'],
  'contact.lastNamePrefix': ['tussenvoegsel', 'voorvoegsel'],
  'contact.lastName': ['lastName', 'achternaam'],
  'contact.phone': ['phone', 'telefoon', 'telefoonnummer'],
  'contact.email': ['email', 'e-mail', 'e-mailadres'],
  'contact.street': ['street', 'straat'],
  'contact.houseNumber': ['houseNumber', 'huisnummer'],
  'contact.postcode': ['postcode'],
  'contact.city': ['city', 'woonplaats', 'plaats'],
} as const;

export type CsvField = keyof typeof CSV_COLUMNS;
const OPTIONAL = new Set<CsvField>([
  'bsn',
  'schoolLevel',
  ...(Object.keys(CSV_COLUMNS) as CsvField[]).filter((f) => f.startsWith('contact.')),
]);
const LOWERCASE = new Set<CsvField>(['schoolType', 'schoolLevel', 'highestDiploma', 'reason']);
const UPPERCASE = new Set<CsvField>(['municipalityOfResidence', 'contact.postcode']);

const normalise = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');
const fieldOfColumn = new Map<string, CsvField>(
  Object.entries(CSV_COLUMNS).flatMap(([field, names]) => names.map((n) => [normalise(n), field as CsvField] as const)),
);

export class CsvHeaderError extends Error {}

/** Maps the header row to fields; an unknown or missing column rejects the whole upload before any row. */
export function csvHeader(columns: string[]): CsvField[] {
  const fields = columns.map((column) => {
    const field = fieldOfColumn.get(normalise(column));
    if (!field) throw new CsvHeaderError(`unknown column "${column}"`);
    return field;
  });
  const missing = (Object.keys(CSV_COLUMNS) as CsvField[]).filter((f) => !OPTIONAL.has(f) && !fields.includes(f));
  if (missing.length > 0) throw new CsvHeaderError(`missing column(s): ${missing.join(', ')}`);
  return fields;
}

/** A CSV record in the JSON shape of the single endpoint, and the fields whose spelling could not be read. */
export interface CsvBody {
  body: Record<string, unknown>;
  errors: FieldError[];
}

/**
 * Turns a CSV record into the JSON shape the single endpoint takes. Only spelling is converted (ja/nee, dates,
 * a BSN without its leading zero, case; tussenvoegsel joins the last name as "van der Berg"); anything else passes
 * through so the shared DTO names the problem. Contact columns become `contact` when any of them has a value.
 */
export function csvRowToBody(fields: CsvField[], values: string[]): CsvBody {
  const body: Record<string, unknown> = {};
  const contact: Record<string, string> = {};
  const errors: FieldError[] = [];
  fields.forEach((field, i) => {
    const value = (values[i] ?? '').trim();
    if (value === '') return;
    const spelled = spell(field, value);
    if ('reason' in spelled) errors.push({ field, reason: spelled.reason });
    else if (field.startsWith('contact.')) contact[field.slice('contact.'.length)] = spelled.value as string;
    else body[field] = spelled.value;
  });
  if (Object.keys(contact).length > 0) {
    const { lastNamePrefix, ...rest } = contact;
    body.contact = lastNamePrefix && rest.lastName ? { ...rest, lastName: `${lastNamePrefix} ${rest.lastName}` } : rest;
  }
  return { body, errors };
}

function spell(field: CsvField, value: string): Spelled<unknown> {
  if (field === 'exitInterviewHeld') return spellBoolean(value);
  if (field === 'birthDate' || field === 'deregistrationDate') return spellDate(field, value);
  if (field === 'bsn') return spellBsn(value);
  if (LOWERCASE.has(field)) return { value: value.toLowerCase() };
  if (UPPERCASE.has(field)) return { value: value.toUpperCase() };
  return { value };
}
