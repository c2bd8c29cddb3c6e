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
} as const;

export type CsvField = keyof typeof CSV_COLUMNS;
const OPTIONAL: CsvField[] = ['bsn', 'schoolLevel'];
const LOWERCASE: CsvField[] = ['schoolType', 'schoolLevel', 'highestDiploma', 'reason'];

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
  const missing = (Object.keys(CSV_COLUMNS) as CsvField[]).filter((f) => !OPTIONAL.includes(f) && !fields.includes(f));
  if (missing.length > 0) throw new CsvHeaderError(`missing column(s): ${missing.join(', ')}`);
  return fields;
}

/**
 * Turns a CSV record into the JSON shape the single endpoint takes. Only spelling is converted
 * (ja/nee, dd-mm-jjjj, case); anything else passes through so the shared DTO names the problem.
 */
export function csvRowToBody(fields: CsvField[], values: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  fields.forEach((field, i) => {
    const value = (values[i] ?? '').trim();
    if (value === '') return;
    if (field === 'exitInterviewHeld') body[field] = toBoolean(value);
    else if (field === 'birthDate' || field === 'deregistrationDate') body[field] = toIsoDate(value);
    else if (LOWERCASE.includes(field)) body[field] = value.toLowerCase();
    else if (field === 'municipalityOfResidence') body[field] = value.toUpperCase();
    else body[field] = value;
  });
  return body;
}

function toBoolean(value: string): boolean | string {
  const v = value.toLowerCase();
  if (['ja', 'j', 'true', '1', 'yes'].includes(v)) return true;
  if (['nee', 'n', 'false', '0', 'no'].includes(v)) return false;
  return value;
}

function toIsoDate(value: string): string {
  const dutch = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  return dutch ? `${dutch[3]}-${dutch[2]}-${dutch[1]}` : value;
}
