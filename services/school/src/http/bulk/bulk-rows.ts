import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { fieldErrors } from '@estafette/service-kit';
import type { ImportRow } from '../../application/import-uitschrijvingen.js';
import { RegisterUitschrijvingDto } from '../register-uitschrijving.dto.js';
import { csvHeader, csvRowToBody } from './csv-columns.js';
import { csvRecords } from './csv-records.js';
import { jsonArrayRecords } from './json-array-records.js';
import { ndjsonRecords, type JsonRecord } from './ndjson-records.js';

export type BulkRow = ImportRow;

export const BULK_CONTENT_TYPES = ['text/csv', 'application/json', 'application/x-ndjson'] as const;
export type BulkContentType = (typeof BULK_CONTENT_TYPES)[number];

/** Rows numbered from 1 (the first data row; a CSV header is row 0), each validated exactly like the single endpoint. */
export async function* bulkRows(type: BulkContentType, body: AsyncIterable<Buffer | string>): AsyncGenerator<BulkRow> {
  let row = 0;
  for await (const raw of rawBodies(type, body)) {
    row++;
    yield raw.ok ? await validateRow(row, raw.value) : { row, errors: [{ field: '(row)', reason: raw.reason }] };
  }
}

async function* rawBodies(type: BulkContentType, body: AsyncIterable<Buffer | string>): AsyncGenerator<JsonRecord> {
  if (type === 'application/json') return yield* jsonArrayRecords(body);
  if (type === 'application/x-ndjson') return yield* ndjsonRecords(body);
  let fields: ReturnType<typeof csvHeader> | undefined;
  for await (const values of csvRecords(body)) {
    if (!fields) fields = csvHeader(values);
    else if (values.length !== fields.length) yield { ok: false, reason: `row has ${values.length} fields, the header has ${fields.length}` };
    else yield { ok: true, value: csvRowToBody(fields, values) };
  }
}

async function validateRow(row: number, value: unknown): Promise<BulkRow> {
  const schoolReference = typeof (value as { schoolReference?: unknown })?.schoolReference === 'string' ? (value as { schoolReference: string }).schoolReference : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { row, schoolReference, errors: [{ field: '(row)', reason: 'row must be an object' }] };
  const dto = plainToInstance(RegisterUitschrijvingDto, value);
  // The same options as the global ValidationPipe, so a row is accepted here exactly when POST /uitschrijvingen would accept it.
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) return { row, schoolReference, errors: fieldErrors(errors) };
  return { row, schoolReference, input: dto };
}
