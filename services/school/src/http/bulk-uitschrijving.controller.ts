import { once } from 'node:events';
import { Controller, HttpStatus, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, scopeFor, type Principal } from '@estafette/auth';
import { importUitschrijvingen, summarise, type ImportSummary } from '../application/import-uitschrijvingen.js';
import { RegisterUitschrijving } from '../application/register-uitschrijving.js';
import { SCHOOL_SETTINGS, type SchoolSettings } from '../school-settings.js';
import { BULK_CONTENT_TYPES, bulkRows, type BulkContentType, type BulkRow } from './bulk/bulk-rows.js';
import { CsvHeaderError } from './bulk/csv-columns.js';
import { MalformedUploadError } from './bulk/json-array-records.js';

@ApiTags('uitschrijvingen')
@ApiBearerAuth()
@Controller('uitschrijvingen')
export class BulkUitschrijvingController {
  private readonly logger = new Logger(BulkUitschrijvingController.name);

  constructor(
    private readonly register: RegisterUitschrijving,
    @Inject(SCHOOL_SETTINGS) private readonly settings: SchoolSettings,
  ) {}

  @Post('bulk')
  @Roles('school-system', 'school-staff')
  @ApiConsumes(...BULK_CONTENT_TYPES)
  @ApiProduces('application/x-ndjson')
  @ApiOperation({
    summary: 'Register many uitschrijvingen (CSV, JSON array or NDJSON), streamed.',
    description:
      'Answers NDJSON while the upload is read: one line per row {row, schoolReference, status: accepted|duplicate|rejected, id?, errors?}, ' +
      'then {summary: {rows, accepted, duplicate, rejected}}. Rows commit in batches; a failure mid-way ends with {error} and sending the file again is safe.',
  })
  async bulk(@Req() req: Request, @Res() res: Response, @CurrentUser() user: Principal): Promise<void> {
    const schoolId = scopeFor(user, 'school');
    const type = bulkContentType(req.headers['content-type']);
    if (!type) {
      res.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).json({ statusCode: 415, message: `send one of ${BULK_CONTENT_TYPES.join(', ')}` });
      return;
    }
    const rows = bulkRows(type, req);
    // Read the first row before answering, so a bad CSV header or a non-array JSON body still gets a plain 400.
    let first: IteratorResult<BulkRow>;
    try {
      first = await rows.next();
    } catch (error) {
      if (error instanceof CsvHeaderError || error instanceof MalformedUploadError) {
        res.status(HttpStatus.BAD_REQUEST).json({ statusCode: 400, error: 'Bad Request', message: error.message });
        return;
      }
      throw error;
    }
    res.status(HttpStatus.OK).setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    res.flushHeaders();
    let summary: ImportSummary = { rows: 0, accepted: 0, duplicate: 0, rejected: 0 };
    try {
      for await (const results of importUitschrijvingen(this.register, schoolId, prepend(first, rows), this.settings.bulkBatchSize ?? 500)) {
        summary = summarise(summary, results);
        // Waiting for a slow reader keeps the answer from piling up in memory.
        if (!res.write(results.map((r) => JSON.stringify(r)).join('\n') + '\n')) await once(res, 'drain');
      }
      res.end(JSON.stringify({ summary }) + '\n');
    } catch (error) {
      const message = error instanceof MalformedUploadError ? error.message : 'import stopped; rows reported above are stored, send the file again to continue';
      res.end(JSON.stringify({ error: message, summary }) + '\n');
      // The answer has started: the client learns of it from the last line, operators from the log.
      if (!(error instanceof MalformedUploadError)) this.logger.error(`bulk import for ${schoolId} stopped`, error instanceof Error ? error.stack : String(error));
    }
  }
}

function bulkContentType(header: string | undefined): BulkContentType | undefined {
  const mediaType = (header ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/ndjson') return 'application/x-ndjson';
  return BULK_CONTENT_TYPES.find((t) => t === mediaType);
}

async function* prepend<T>(first: IteratorResult<T>, rest: AsyncIterator<T>): AsyncGenerator<T> {
  if (first.done) return;
  yield first.value;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}
