import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { fieldErrors } from '@estafette/service-kit';
import type { ImportRow } from '../../application/import-uitschrijvingen.js';
import { RegisterUitschrijvingDto } from '../register-uitschrijving.dto.js';
import { csvHeader, csvRowToBody } from './csv-columns.js';
import { csvRecords } from './csv-records.js';
import { jsonArrayRecords } from './json-array-records.js';
import { ndjsonRecords, type JsonRecord } from './ndjson-records.js';
import { containsUndecodable, decodedText } from './upload-charset.js';
import { limitedBytes, rowsExceeded, type UploadLimits } from './upload-limits.js';

export type BulkRow = ImportRow;

export const BULK_CONTENT_TYPES = ['text/csv', 'application/json', 'application/x-ndjson'] as const;
export type BulkContentType = (typeof BULK_CONTENT_TYPES)[number];

export interface BulkReading {
  /** The iconv-lite decoder of the declared charset (see `uploadDecoder`). */
  decoder: string;
  limits: UploadLimits;
}

/**
 * Rows numbered from 1 (the first data row; a CSV header is row 0), each validated exactly like the single endpoint.
 * Throws `UploadLimitError` as soon as a limit is crossed; a row with bytes the charset cannot read is rejected
 * with its number and the reason, so no key (schoolReference) is ever built from replaced characters.
 */
export async function* bulkRows(type: BulkContentType, body: AsyncIterable<Buffer>, reading: BulkReading): AsyncGenerator<BulkRow> {
  const { limits } = reading;
  const text = decodedText(limitedBytes(body, limits, type !== 'application/json'), reading.decoder);
  let row = 0;
  for await (const raw of rawBodies(type, text, limits)) {
    row++;
    if (row > limits.maxRows) throw rowsExceeded(limits);
    if (raw.ok && containsUndecodable(raw.value)) yield { row, errors: [{ field: '(row)', reason: undecodable(reading.decoder) }] };
    else yield raw.ok ? await validateRow(row, raw.value) : { row, errors: [{ field: '(row)', reason: raw.reason }] };
  }
}

function undecodable(decoder: string): string {
  return decoder === 'utf-8'
    ? 'row holds bytes that are not valid UTF-8: send UTF-8, or declare the charset (content-type: text/csv; charset=windows-1252)'
    : `row holds bytes that are not valid ${decoder}`;
}

async function* rawBodies(type: BulkContentType, body: AsyncIterable<string>, limits: UploadLimits): AsyncGenerator<JsonRecord> {
  if (type === 'application/json') return yield* jsonArrayRecords(body, limits.maxLineBytes);
  if (type === 'application/x-ndjson') return yield* ndjsonRecords(body);
  let fields: ReturnType<typeof csvHeader> | undefined;
  for await (const values of csvRecords(body)) {
    if (!fields) fields = csvHeader(values);
    else if (values.length !== fields.length)
      yield { ok: false, reason: `row has ${values.length} fields, the header has ${fields.length}` };
    else yield { ok: true, value: csvRowToBody(fields, values) };
  }
}

async function validateRow(row: number, value: unknown): Promise<BulkRow> {
  const schoolReference =
    typeof (value as { schoolReference?: unknown })?.schoolReference === 'string'
      ? (value as { schoolReference: string }).schoolReference
      : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { row, schoolReference, errors: [{ field: '(row)', reason: 'row must be an object' }] };
  const dto = plainToInstance(RegisterUitschrijvingDto, value);
  // The same options as the global ValidationPipe, so a row is accepted here exactly when POST /uitschrijvingen would accept it.
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) return { row, schoolReference, errors: fieldErrors(errors) };
  return { row, schoolReference, input: dto };
}
