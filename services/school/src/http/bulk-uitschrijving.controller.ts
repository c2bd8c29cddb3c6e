import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { Controller, HttpStatus, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import { parse as parseContentType } from 'content-type';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Roles, scopeFor, type Principal } from '@estafette/auth';
import type { OutboxHold } from '@estafette/messaging';
import { importUitschrijvingen, summarise, type ImportSummary } from '../application/import-uitschrijvingen.js';
import { RegisterUitschrijving } from '../application/register-uitschrijving.js';
import { SCHOOL_SETTINGS, type SchoolSettings } from '../school-settings.js';
import { BULK_CONTENT_TYPES, BulkUpload, type BulkContentType, type BulkRow } from './bulk/bulk-rows.js';
import { CsvHeaderError } from './bulk/csv-columns.js';
import { MalformedUploadError } from './bulk/json-array-records.js';
import { charsetChoice, UPLOAD_CHARSETS, type CharsetChoice } from './bulk/upload-charset.js';
import { bytesExceeded, DEFAULT_UPLOAD_LIMITS, UploadLimitError, type UploadLimits } from './bulk/upload-limits.js';

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
      'Answers NDJSON while the upload is read: one line per row {row, line?, schoolReference, status: accepted|duplicate|rejected, id?, errors?}, ' +
      'then {summary: {rows, accepted, duplicate, rejected, skipped, encoding}}. Rows commit in batches; a failure mid-way ends with {error} and sending the file again is safe. ' +
      'CSV: lines of only separators are skipped; dates d-m-jjjj, dd-mm-jjjj or jjjj-mm-dd; a record is one line. ' +
      'A CSV without a declared charset is read as UTF-8 when valid (or with a byte order mark), else as Windows-1252; JSON and NDJSON are UTF-8 unless declared. ' +
      'A row with bytes the charset cannot read is rejected. ' +
      'Limits on bytes, rows and line length: 413 with the limit, or, once rows have been answered, a last line {error, statusCode: 413}. ' +
      'A client that disconnects stops the import after the batch being written; committed batches stay.',
  })
  async bulk(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() user: Principal): Promise<void> {
    const schoolId = scopeFor(user, 'school');
    // The route is streamed (createSchoolApp): no parser has read the body; it is read here as it arrives.
    const req = request.raw;
    const limits: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...this.settings.bulkLimits };
    const { type, charset } = bulkContentType(req.headers['content-type']);
    if (!type || !charset) {
      const message = type
        ? `read as ${UPLOAD_CHARSETS.join(', ')}; send one of these charsets`
        : `send one of ${BULK_CONTENT_TYPES.join(', ')}`;
      reply.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).send({ statusCode: 415, error: 'Unsupported Media Type', message });
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > limits.maxBytes) return refuseTooLarge(reply, bytesExceeded(limits));
    // Not the stream's own iterator: leaving it early must not destroy the socket before the 413 is sent.
    const upload = new BulkUpload(type, limits, charset);
    const rows = upload.rows(req.iterator({ destroyOnReturn: false }));
    // Read the first row before answering, so a bad CSV header or a non-array JSON body still gets a plain 400.
    let first: IteratorResult<BulkRow>;
    try {
      first = await rows.next();
    } catch (error) {
      if (error instanceof UploadLimitError) return refuseTooLarge(reply, error);
      if (clientGone(req, reply.raw)) return; // the client left before the first row: there is no one to answer
      if (error instanceof CsvHeaderError || error instanceof MalformedUploadError) {
        closeAfterAnswer(reply);
        reply.status(HttpStatus.BAD_REQUEST).send({ statusCode: 400, error: 'Bad Request', message: error.message });
        return;
      }
      throw error;
    }
    // The answer is a stream Fastify pipes to the client (its hooks and headers apply as to any answer); the status
    // and headers go out as soon as the piping starts, before the first batch is written.
    const answer = new PassThrough();
    reply.raw.once('pipe', () => reply.raw.flushHeaders());
    reply.status(HttpStatus.OK).header('content-type', 'application/x-ndjson; charset=utf-8').send(answer);
    let imported: ImportSummary = { rows: 0, accepted: 0, duplicate: 0, rejected: 0 };
    const hold = this.register.holdEvents();
    // What the reading saw besides rows comes last, so every summary line has the same shape.
    const summary = () => ({ ...imported, skipped: upload.skipped, encoding: upload.encoding });
    try {
      for await (const results of importUitschrijvingen(
        this.register,
        schoolId,
        prepend(first, rows),
        this.settings.bulkBatchSize ?? 500,
        hold,
      )) {
        imported = summarise(imported, results);
        // Waiting for a slow reader keeps the answer from piling up in memory; a reader that left ends the import.
        if (!answer.write(results.map((r) => JSON.stringify(r)).join('\n') + '\n') && !(await drainedOrClosed(answer)))
          throw new ClientGoneError();
      }
      answer.end(JSON.stringify({ summary: summary() }) + '\n');
    } catch (error) {
      if (error instanceof ClientGoneError || clientGone(req, reply.raw)) {
        this.logger.log(
          `bulk import for ${schoolId} stopped: the client disconnected after ${imported.rows} rows; their batches are stored`,
        );
        return;
      }
      if (error instanceof UploadLimitError) {
        closeAfterAnswer(reply);
        answer.end(
          JSON.stringify({ error: `${error.message}; rows reported above are stored`, statusCode: 413, summary: summary() }) + '\n',
        );
        return;
      }
      const message =
        error instanceof MalformedUploadError
          ? error.message
          : 'import stopped; rows reported above are stored, send the file again to continue';
      answer.end(JSON.stringify({ error: message, summary: summary() }) + '\n');
      // The answer has started: the client learns of it from the last line, operators from the log.
      if (!(error instanceof MalformedUploadError))
        this.logger.error(`bulk import for ${schoolId} stopped`, error instanceof Error ? error.stack : String(error));
    } finally {
      await this.release(hold, schoolId);
    }
  }

  /** After the answer: the import's events go to the chain. A failure leaves them for the relay (see OutboxHold). */
  private async release(hold: OutboxHold, schoolId: string): Promise<void> {
    try {
      await hold.release();
    } catch (error) {
      this.logger.error(
        `bulk import for ${schoolId}: its events could not be released (${(error as Error).message}); the outbox relay releases them at its next start or once they are held too long`,
      );
    }
  }
}

class ClientGoneError extends Error {}

/** The connection closed before the body was complete or the answer sent (a read stream is also destroyed after a normal end). */
const clientGone = (req: IncomingMessage, res: ServerResponse) => res.destroyed || (req.destroyed && !req.complete);

function refuseTooLarge(reply: FastifyReply, error: UploadLimitError): void {
  closeAfterAnswer(reply);
  reply.status(HttpStatus.PAYLOAD_TOO_LARGE).send({ statusCode: 413, error: 'Payload Too Large', message: error.message });
}

/** The rest of the body is never read: the connection closes once the answer is out, instead of draining gigabytes. */
function closeAfterAnswer(reply: FastifyReply): void {
  if (!reply.raw.headersSent) reply.header('connection', 'close');
  reply.raw.once('finish', () => reply.request.raw.socket.destroySoon());
}

/**
 * True once the answer stream can take more; false when the client has gone (Fastify destroys the stream when the
 * response closes, and then 'drain' would never come).
 */
async function drainedOrClosed(answer: PassThrough): Promise<boolean> {
  if (answer.destroyed) return false;
  const stop = new AbortController();
  try {
    await Promise.race([once(answer, 'drain', { signal: stop.signal }), once(answer, 'close', { signal: stop.signal })]);
  } finally {
    stop.abort();
  }
  return !answer.destroyed;
}

/** The media type and how to read its charset (see `charsetChoice`); undefined parts are refused with 415. */
function bulkContentType(header: string | undefined): { type?: BulkContentType; charset?: CharsetChoice } {
  let parsed: { type: string; parameters: Record<string, string> };
  try {
    parsed = parseContentType(header ?? '');
  } catch {
    return {};
  }
  const mediaType = parsed.type === 'application/ndjson' ? 'application/x-ndjson' : parsed.type;
  const type = BULK_CONTENT_TYPES.find((t) => t === mediaType);
  return { type, charset: charsetChoice(parsed.parameters.charset, type === 'text/csv') };
}

async function* prepend<T>(first: IteratorResult<T>, rest: AsyncIterator<T>): AsyncGenerator<T> {
  if (first.done) return;
  yield first.value;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}
