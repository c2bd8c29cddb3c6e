import type { OutboxHold } from '@estafette/messaging';
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
 * While one batch is written the next rows are read and validated (the database works while this process reads);
 * at most one batch is in flight, and the next is written only after the previous one's results were taken.
 * A failed batch stops the import; earlier batches stay, and sending the file again is safe. When reading fails
 * (a limit, a malformed upload) the batch in flight is finished and reported first.
 * With a `hold` every batch's events are staged under it, renewed (`renewIfDue`) only between batches; when this
 * generator has finished (or was stopped) no batch is being written, so releasing the hold then releases all of them.
 */
export async function* importUitschrijvingen(
  register: RegisterUitschrijving,
  schoolId: string,
  rows: AsyncIterable<ImportRow>,
  batchSize: number,
  hold?: OutboxHold,
): AsyncGenerator<RowResult[]> {
  const source = rows[Symbol.asyncIterator]();
  let pending: ImportRow[] = [];
  let writing: Promise<RowResult[]> | undefined;
  let reading: Promise<IteratorResult<ImportRow>> | undefined;
  const written = () => {
    const batch = writing!;
    writing = undefined;
    return batch;
  };
  try {
    for (;;) {
      reading ??= source.next();
      // A batch that commits while the upload is slow to send more is reported now, not when the next batch is full.
      if (writing && (await firstOf(reading, writing)) === 'written') {
        yield await written();
        continue;
      }
      let step: IteratorResult<ImportRow>;
      try {
        step = await reading;
      } catch (error) {
        if (writing) yield await written();
        throw error;
      }
      reading = undefined;
      if (step.done) break;
      pending.push(step.value);
      if (pending.length >= batchSize) {
        if (writing) yield await written();
        await hold?.renewIfDue();
        writing = writeBatch(register, schoolId, pending, hold);
        writing.catch(() => {}); // awaited above or below; meanwhile a failure must not count as unhandled
        pending = [];
      }
    }
    if (writing) yield await written();
    if (pending.length > 0) {
      await hold?.renewIfDue();
      yield await writeBatch(register, schoolId, pending, hold);
    }
  } finally {
    // The caller stopped (or a batch failed) while a row was being read: nobody waits for that read any more.
    if (reading) {
      reading.catch(() => {});
      void source.return?.()?.catch(() => {});
    }
  }
}

/** Which settles first; a rejection counts as settling (the caller awaits the winner and sees it). */
function firstOf(reading: Promise<unknown>, writing: Promise<unknown>): Promise<'read' | 'written'> {
  const settled = <T>(p: Promise<unknown>, name: T) =>
    p.then(
      () => name,
      () => name,
    );
  return Promise.race([settled(reading, 'read' as const), settled(writing, 'written' as const)]);
}

async function writeBatch(register: RegisterUitschrijving, schoolId: string, rows: ImportRow[], hold?: OutboxHold): Promise<RowResult[]> {
  const valid = rows.filter((r): r is Extract<ImportRow, { input: unknown }> => 'input' in r);
  const outcomes = await register.executeBatch(
    schoolId,
    valid.map((r) => ({ ...r.input, schoolId })),
    hold,
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
