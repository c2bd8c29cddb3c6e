import type { FieldError } from '@estafette/service-kit';
import type { RegisterUitschrijving } from './register-uitschrijving.js';
import type { UitschrijvingInput } from './uitschrijving-with-event.js';

/** `row` counts the upload's data rows from 1; `line` is the row's line in a CSV file (the header is line 1). */
export type ImportRow =
  | { row: number; line?: number; schoolReference?: string; input: Omit<UitschrijvingInput, 'schoolId'> }
  | { row: number; line?: number; schoolReference?: string; errors: FieldError[] };

export interface RowResult {
  row: number;
  line?: number;
  schoolReference?: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  id?: string;
  errors?: FieldError[];
}

export interface ImportSummary {
  rows: number;
  accepted: number;
  duplicate: number;
  rejected: number;
}

/**
 * Writes valid rows a batch at a time (one transaction each: rows and their events), yielding each
 * batch's results in row order as soon as it commits, so the caller can stream progress back.
 * A failed batch stops the import; earlier batches stay, and sending the file again is safe.
 */
export async function* importUitschrijvingen(
  register: RegisterUitschrijving,
  schoolId: string,
  rows: AsyncIterable<ImportRow>,
  batchSize: number,
): AsyncGenerator<RowResult[]> {
  let pending: ImportRow[] = [];
  for await (const row of rows) {
    pending.push(row);
    if (pending.length >= batchSize) {
      yield await writeBatch(register, schoolId, pending);
      pending = [];
    }
  }
  if (pending.length > 0) yield await writeBatch(register, schoolId, pending);
}

async function writeBatch(register: RegisterUitschrijving, schoolId: string, rows: ImportRow[]): Promise<RowResult[]> {
  const valid = rows.filter((r): r is Extract<ImportRow, { input: unknown }> => 'input' in r);
  const outcomes = await register.executeBatch(
    schoolId,
    valid.map((r) => ({ ...r.input, schoolId })),
  );
  const outcomeOfRow = new Map(valid.map((r, i) => [r.row, outcomes[i]!]));
  return rows.map((r) => {
    const where = { row: r.row, line: r.line, schoolReference: r.schoolReference };
    if ('errors' in r) return { ...where, status: 'rejected', errors: r.errors };
    const outcome = outcomeOfRow.get(r.row)!;
    return { ...where, status: outcome.created ? 'accepted' : 'duplicate', id: outcome.id };
  });
}

export function summarise(summary: ImportSummary, results: RowResult[]): ImportSummary {
  const next = { ...summary, rows: summary.rows + results.length };
  for (const r of results) next[r.status]++;
  return next;
}
