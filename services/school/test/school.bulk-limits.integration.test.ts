import { request, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { eventually, sql, startServiceUnderTest, type ServiceUnderTest, type TestDatabase } from '@estafette/testing';
import { createSchoolApp } from '../src/create-school-app.js';

const today = new Date().toISOString().slice(0, 10);
const header = 'referentie;leerlingnummer;geboortedatum;datum_uitschrijving;onderwijssoort;hoogste_diploma;reden;exitgesprek;gemeentecode';
const csvRow = (ref: string) => `${ref};${ref.replace(/\W/g, '').slice(-8) || '1'};2008-03-14;${today};vo;geen;zonder-vervolg;nee;GM0363`;
const limits = { maxBytes: 2_000_000, maxRows: 5_000, maxLineBytes: 4_096 };
const HUNDRED_MB = 100 * 1024 * 1024;

interface Answer {
  status: number;
  body: string;
}

describe('bulk uploads: limits, encodings and clients that leave', () => {
  let school: ServiceUnderTest<INestApplication>;
  let db: TestDatabase;
  let url: URL;
  let token: string;

  beforeAll(async () => {
    school = await startServiceUnderTest('schoolbulklimits', (config) =>
      createSchoolApp(
        config,
        {
          pseudonymSecret: 'test-secret-of-at-least-thirty-two-bytes!',
          publicUrl: 'http://school.test',
          bulkBatchSize: 50,
          bulkLimits: limits,
        },
        false,
      ),
    );
    db = school.db;
    token = await school.issuer.issueToken({
      role: 'school-system',
      organisationType: 'school',
      organisationId: 'brin:31BL',
      sub: 'client-31bl',
    });
    url = new URL(`${school.url}/uitschrijvingen/bulk`);
  });

  afterAll(async () => {
    await school?.close();
  });

  /** Streams `body` and resolves with the answer; the client may still be sending when the server answers and closes. */
  function upload(body: Readable | Buffer | string, contentType = 'text/csv', headers: Record<string, string> = {}): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${token}`, ...headers },
      });
      req.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res
          .on('data', (c: Buffer) => chunks.push(c))
          .on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
      });
      // Once the server has answered and closed, the rest of our body has nowhere to go: that is the point.
      req.on('error', (error) => (req.writableFinished ? reject(error) : undefined));
      if (body instanceof Readable) body.on('error', () => undefined).pipe(req);
      else req.end(body);
    });
  }

  /** A single line of `size` bytes that the test never holds: 1 MB chunks, produced only as fast as they are read. */
  function oneLine(size: number, prefix: string) {
    const produced = { bytes: 0 };
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    async function* generate() {
      yield Buffer.from(prefix);
      for (produced.bytes = 0; produced.bytes < size; produced.bytes += chunk.length) yield chunk;
    }
    return { stream: Readable.from(generate(), { objectMode: false }), produced };
  }

  const lines = (body: string) =>
    body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  test.each([
    ['a CSV whose first line is 100 MB', 'text/csv', ''],
    ['NDJSON with one 100 MB line', 'application/x-ndjson', '{"schoolReference":"'],
    ['a JSON array whose first row is 100 MB', 'application/json', '[{"schoolReference":"'],
  ])('%s is refused with 413 and the limit, and the service stops reading', async (_name, contentType, start) => {
    const { stream, produced } = oneLine(HUNDRED_MB, start);
    const answer = await upload(stream, contentType);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 413, message: expect.stringContaining(String(limits.maxLineBytes)) });
    stream.destroy();
    expect(produced.bytes).toBeLessThan(HUNDRED_MB / 4);
  });

  test('more bytes than the limit: 413 at once when announced, and when only counted', async () => {
    const announced = await upload(`${header}\n`, 'text/csv', { 'content-length': String(limits.maxBytes + 1) }).catch(() => undefined);
    // The server answers from the announced length alone, before the (short) body could have been read.
    expect(announced).toMatchObject({ status: 413 });
    expect(JSON.parse(announced!.body).message).toContain(String(limits.maxBytes));
    const counted = await upload(Buffer.concat([Buffer.from(`${header}\n`), Buffer.alloc(limits.maxBytes, '\n')]));
    expect(counted.status).toBe(413);
    expect(JSON.parse(counted.body).message).toBe(`the upload exceeds the limit of ${limits.maxBytes} bytes`);
  });

  test('more rows than the limit: the rows before it are answered, then the 413 with the limit', async () => {
    const csv = [header, ...Array.from({ length: limits.maxRows + 1 }, (_, i) => csvRow(`ROW-${i}`))].join('\n');
    const answer = await upload(csv);
    const last = lines(answer.body).at(-1)!;
    expect(last).toMatchObject({ statusCode: 413, error: expect.stringContaining(`${limits.maxRows} rows`) });
    expect((last.summary as { rows: number }).rows).toBeLessThanOrEqual(limits.maxRows);
    const [{ n }] = await sql<{ n: number }>(db.url, "SELECT count(*)::int AS n FROM uitschrijving WHERE school_reference LIKE 'ROW-%'");
    expect(n).toBe((last.summary as { accepted: number }).accepted);
  });

  test('bytes that are not UTF-8 in a file declared UTF-8 reject their row with its number and the reason; nothing is stored under a replaced key', async () => {
    const body = Buffer.concat([
      Buffer.from(`${header}\n${csvRow('UTF-1')}\n`),
      Buffer.from(csvRow('UTF-2X').replace('UTF-2X', 'UTF-2\u0000'), 'latin1').map((b) => (b === 0 ? 0xff : b)),
      Buffer.from(`\n${csvRow('UTF-3')}\n`),
    ]);
    const answer = await upload(body, 'text/csv; charset=utf-8');
    expect(answer.status).toBe(200);
    const results = lines(answer.body);
    expect(results.slice(0, 3).map((r) => [r.row, r.status])).toEqual([
      [1, 'accepted'],
      [2, 'rejected'],
      [3, 'accepted'],
    ]);
    expect(results[1]).toMatchObject({ errors: [{ field: '(row)', reason: expect.stringContaining('not valid UTF-8') }] });
    expect(results[1]!.schoolReference).toBeUndefined();
    const stored = await sql<{ r: string }>(
      db.url,
      "SELECT school_reference AS r FROM uitschrijving WHERE school_reference LIKE 'UTF-%' ORDER BY 1",
    );
    expect(stored.map((s) => s.r)).toEqual(['UTF-1', 'UTF-3']);
  });

  test('a file declared windows-1252 is read as such; undeclared, the same bytes are detected; declared UTF-8, refused', async () => {
    const body = Buffer.from(`${header}\n${csvRow('Café-1252')}\n`, 'latin1');
    const declared = lines((await upload(body, 'text/csv; charset=windows-1252')).body);
    expect(declared[0]).toMatchObject({ row: 1, schoolReference: 'Café-1252', status: 'accepted' });
    expect(declared.at(-1)).toMatchObject({ summary: { encoding: 'windows-1252' } });
    // Detected, the same key comes out: the row is the one already stored.
    const undeclared = lines((await upload(body, 'text/csv')).body);
    expect(undeclared[0]).toMatchObject({ row: 1, schoolReference: 'Café-1252', status: 'duplicate' });
    expect(undeclared.at(-1)).toMatchObject({ summary: { accepted: 0, duplicate: 1, encoding: 'windows-1252' } });
    const wrong = lines((await upload(body, 'text/csv; charset=utf-8')).body);
    expect(wrong[0]).toMatchObject({
      row: 1,
      status: 'rejected',
      errors: [{ field: '(row)', reason: expect.stringContaining('not valid UTF-8') }],
    });
    expect((await upload(body, 'text/csv; charset=koi8-r')).status).toBe(415);
  });

  test('undeclared, a file whose first line above ASCII is UTF-8 stays UTF-8: a later Windows-1252 row is refused with the reason', async () => {
    const body = Buffer.concat([Buffer.from(`${header}\n${csvRow('Zoë-8')}\n`, 'utf-8'), Buffer.from(`${csvRow('Zoë-1252')}\n`, 'latin1')]);
    const results = lines((await upload(body, 'text/csv')).body);
    expect(results.map((r) => [r.row, r.status])).toEqual([
      [1, 'accepted'],
      [2, 'rejected'],
      [undefined, undefined],
    ]);
    expect(results[1]).toMatchObject({
      errors: [{ field: '(row)', reason: expect.stringMatching(/not valid UTF-8, while the file was read as UTF-8/) }],
    });
    expect(results.at(-1)).toMatchObject({ summary: { encoding: 'utf-8' } });
  });

  test('a client that disconnects mid-upload releases everything: no open transaction, the service answers, the file can be sent again', async () => {
    const rows = Array.from({ length: 4_000 }, (_, i) => csvRow(`GONE-${i}`));
    const file = [header, ...rows].join('\n') + '\n';
    const half = [header, ...rows.slice(0, 2_000)].join('\n') + '\n';
    const socket = connect(Number(url.port), url.hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\nauthorization: Bearer ${token}\r\ncontent-type: text/csv\r\ncontent-length: ${Buffer.byteLength(file)}\r\n\r\n`,
    );
    socket.write(half);
    // Some batches are stored while the rest of the body is still expected; then the client is gone.
    await eventually(async () => ((await storedGone()) > 0 ? true : undefined));
    socket.destroy();

    await eventually(async () => {
      const open = await sql<{ n: number }>(
        db.url,
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%' OR (datname = current_database() AND state = 'active' AND query ILIKE '%uitschrijving%' AND pid <> pg_backend_pid())",
      );
      return open[0]!.n === 0 ? true : undefined;
    });
    expect((await fetch(new URL('/health', url))).status).toBe(200);
    const stored = await storedGone();
    expect(stored % 50).toBe(0); // whole batches only: the one in flight committed or rolled back as a whole
    expect(stored).toBeLessThanOrEqual(2_000);

    const again = await upload(file);
    expect(lines(again.body).at(-1)).toEqual({
      summary: { rows: 4_000, accepted: 4_000 - stored, duplicate: stored, rejected: 0, skipped: 0, encoding: 'utf-8' },
    });
  });

  async function storedGone(): Promise<number> {
    return (await sql<{ n: number }>(db.url, "SELECT count(*)::int AS n FROM uitschrijving WHERE school_reference LIKE 'GONE-%'"))[0]!.n;
  }
});
