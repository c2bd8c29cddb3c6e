import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fieldErrors, type FieldError } from '@estafette/service-kit';
import type { ImportRow } from '../../application/import-uitschrijvingen.js';
import { RegisterUitschrijvingDto } from '../register-uitschrijving.dto.js';
import { csvHeader, csvRowToBody, CsvHeaderError, type CsvField } from './csv-columns.js';
import { csvRecords } from './csv-records.js';
import { jsonArrayRecords } from './json-array-records.js';
import { ndjsonRecords } from './ndjson-records.js';
import { textLines } from './text-lines.js';
import { containsUndecodable, UploadDecoder, type CharsetChoice, type UploadEncoding } from './upload-charset.js';
import { limitedBytes, rowsExceeded, type UploadLimits } from './upload-limits.js';

export type BulkRow = ImportRow;

export const BULK_CONTENT_TYPES = ['text/csv', 'application/json', 'application/x-ndjson'] as const;
export type BulkContentType = (typeof BULK_CONTENT_TYPES)[number];

export interface BulkReading {
  /** The declared charset, or `detect` (see `charsetChoice`). */
  charset: CharsetChoice;
  limits: UploadLimits;
}

/** A row as read, before validation: a body in the single endpoint's shape (with CSV spelling errors), or why it is no row. */
type RawRow = { line?: number } & ({ ok: true; value: unknown; spelling?: FieldError[] } | { ok: false; reason: string });

/**
 * One bulk upload being read. `rows()` yields rows numbered from 1 (data rows: a CSV header and skipped blank
 * lines are not counted; a CSV row also carries its `line` in the file), each validated exactly like the single
 * endpoint. It throws `UploadLimitError` as soon as a limit is crossed, `CsvHeaderError` or `MalformedUploadError`
 * for an upload that is unreadable as a whole. A row with bytes the charset cannot read is rejected with its number
 * and the reason, so no key (schoolReference) is ever built from replaced characters.
 * `skipped` and `encoding` are the counts so far; final once the rows are read.
 */
export class BulkUpload {
  /** CSV lines of only separators or whitespace (Excel leaves them): skipped, not rows. */
  skipped = 0;
  private readonly decoder: UploadDecoder;

  constructor(
    private readonly type: BulkContentType,
    private readonly limits: UploadLimits,
    charset: CharsetChoice,
  ) {
    this.decoder = new UploadDecoder(charset);
  }

  /** The charset the upload is read in (detected for a CSV that declares none). */
  get encoding(): UploadEncoding {
    return this.decoder.encoding;
  }

  async *rows(body: AsyncIterable<Buffer>): AsyncGenerator<BulkRow> {
    const text = this.decoder.decode(limitedBytes(body, this.limits, this.type !== 'application/json'));
    let row = 0;
    for await (const raw of this.rawRows(text)) {
      row++;
      if (row > this.limits.maxRows) throw rowsExceeded(this.limits);
      const line = raw.line === undefined ? {} : { line: raw.line };
      if (raw.ok && containsUndecodable(raw.value)) yield { row, ...line, errors: [{ field: '(row)', reason: this.undecodable() }] };
      else
        yield raw.ok ? validateRow(row, line, raw.value, raw.spelling) : { row, ...line, errors: [{ field: '(row)', reason: raw.reason }] };
    }
  }

  private undecodable(): string {
    if (this.encoding === 'windows-1252') return 'row holds bytes that are not valid windows-1252';
    return this.decoder.detected
      ? 'row holds bytes that are not valid UTF-8, while the file was read as UTF-8 (a byte order mark, or an earlier line in UTF-8): save the whole file in one encoding'
      : 'row holds bytes that are not valid UTF-8: send UTF-8, or declare the charset (content-type: text/csv; charset=windows-1252)';
  }

  private async *rawRows(text: AsyncIterable<string>): AsyncGenerator<RawRow> {
    if (this.type === 'application/json') return yield* jsonArrayRecords(text, this.limits.maxLineBytes);
    if (this.type === 'application/x-ndjson') return yield* ndjsonRecords(textLines(text));
    let fields: CsvField[] | undefined;
    for await (const record of csvRecords(textLines(text))) {
      const { line } = record;
      if (record.kind === 'blank') this.skipped++;
      else if (!fields) {
        if (record.kind === 'malformed') throw new CsvHeaderError(`the header is unreadable: ${record.reason}`);
        fields = csvHeader(record.values);
      } else if (record.kind === 'malformed') yield { line, ok: false, reason: record.reason };
      else if (record.values.length !== fields.length)
        yield { line, ok: false, reason: `row has ${record.values.length} fields, the header has ${fields.length}` };
      else {
        const { body, errors } = csvRowToBody(fields, record.values);
        yield { line, ok: true, value: body, spelling: errors };
      }
    }
  }
}

/**
 * Validates like the single endpoint; a CSV spelling error replaces what the DTO says about the same field. Synchronously:
 * the DTO's constraints are all synchronous, so the result is the pipe's, without a promise per property and row (an
 * import's hot path; issue 19).
 */
function validateRow(row: number, line: { line?: number }, value: unknown, spelling: FieldError[] = []): BulkRow {
  const schoolReference =
    typeof (value as { schoolReference?: unknown })?.schoolReference === 'string'
      ? (value as { schoolReference: string }).schoolReference
      : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { row, ...line, schoolReference, errors: [{ field: '(row)', reason: 'row must be an object' }] };
  const dto = plainToInstance(RegisterUitschrijvingDto, value);
  // The same options as the global ValidationPipe, so a row is accepted here exactly when POST /uitschrijvingen would accept it.
  const misspelled = new Set(spelling.map((e) => e.field));
  const errors = [
    ...spelling,
    ...fieldErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true })).filter((e) => !misspelled.has(e.field)),
  ];
  if (errors.length > 0) return { row, ...line, schoolReference, errors };
  return { row, ...line, schoolReference, input: dto };
}
