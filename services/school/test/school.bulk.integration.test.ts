import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import {
  createTestDatabase,
  eventually,
  provisionTestTopics,
  startTestIssuer,
  uniqueTopicPrefix,
  type TestDatabase,
  type TestIssuer,
  serviceKafka,
} from '@estafette/testing';
import pg from 'pg';
import { createSchoolApp } from '../src/create-school-app.js';

const today = new Date().toISOString().slice(0, 10);
const dutchToday = today.split('-').reverse().join('-');
const header =
  'referentie;leerlingnummer;bsn;geboortedatum;datum_uitschrijving;onderwijssoort;niveau;hoogste_diploma;reden;exitgesprek;gemeentecode';
const csvRow = (ref: string, overrides: Partial<Record<'bsn' | 'birth' | 'type', string>> = {}) =>
  `${ref};4711-${ref};${overrides.bsn ?? '111222333'};${overrides.birth ?? '14-03-2008'};${dutchToday};${overrides.type ?? 'MBO'};mbo-2;vmbo-kb;zonder-vervolg;ja;GM0363`;
const jsonRow = (ref: string) => ({
  schoolReference: ref,
  studentNumber: `4711-${ref}`,
  birthDate: '2008-03-14',
  deregistrationDate: today,
  schoolType: 'vo',
  highestDiploma: 'geen',
  reason: 'zonder-vervolg',
  exitInterviewHeld: false,
  municipalityOfResidence: 'GM0344',
});

interface ResultLine {
  row?: number;
  /** The line of the file the row was on (the header is line 1). */
  line?: number;
  schoolReference?: string;
  status?: string;
  id?: string;
  errors?: { field: string; reason: string }[];
  summary?: Record<string, number>;
  error?: string;
}

describe('bulk uitschrijvingen against a real broker and database', () => {
  const prefix = uniqueTopicPrefix();
  let db: TestDatabase;
  let app: INestApplication;
  let base: string;
  let issuer: TestIssuer;
  let token: string;
  const batchSize = 3;

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('schoolbulk');
    issuer = await startTestIssuer();
    token = await issuer.issueToken({ role: 'school-system', organisationType: 'school', organisationId: 'brin:31BK', sub: 'client-31bk' });
    app = await createSchoolApp(
      {
        name: 'school',
        port: 0,
        host: '127.0.0.1',
        databaseUrl: db.url,
        migrationUrl: db.ownerUrl,
        ...serviceKafka('school'),
        topicPrefix: prefix,
        oidcIssuer: issuer.issuer,
        oidcAudience: issuer.audience,
        oidcJwksUrl: issuer.jwksUrl,
      },
      // A tiny batch so a handful of rows already spans several transactions.
      { pseudonymSecret: 'test-secret-of-at-least-thirty-two-bytes!', publicUrl: 'http://school.test', bulkBatchSize: batchSize },
      false,
    );
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await issuer?.close();
  });

  const upload = async (contentType: string, body: string, path = '/uitschrijvingen/bulk') => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
      body,
    });
    const text = await res.text();
    return {
      status: res.status,
      text,
      lines:
        res.status === 200
          ? text
              .trim()
              .split('\n')
              .map((l) => JSON.parse(l) as ResultLine)
          : [],
    };
  };

  const csv = [
    header,
    csvRow('B-1'),
    csvRow('B-2').replace('B-2;4711-B-2', '"B;2";"47""11"'), // quoted fields, with the separator and a quote inside
    csvRow('B-3', { bsn: '123456789', birth: '30-02-2008', type: 'hbo' }),
    csvRow('B-1'),
    'B-5;4711;;2008-03-14',
    csvRow('B-6', { bsn: '' }),
    csvRow('B-7', { bsn: '123456782' }),
  ].join('\r\n');

  test('a CSV export is answered per row: accepted, rejected with field and reason, duplicate', async () => {
    const { status, lines } = await upload('text/csv', csv);
    expect(status).toBe(200);
    const rows = lines.filter((l) => l.row !== undefined);
    expect(rows.map((l) => [l.row, l.schoolReference, l.status])).toEqual([
      [1, 'B-1', 'accepted'],
      [2, 'B;2', 'accepted'],
      [3, 'B-3', 'rejected'],
      [4, 'B-1', 'duplicate'],
      [5, undefined, 'rejected'],
      [6, 'B-6', 'accepted'],
      [7, 'B-7', 'accepted'],
    ]);
    expect(rows[3]!.id).toBe(rows[0]!.id);
    const fields = [...new Set(rows[2]!.errors!.map((e) => e.field))].sort();
    expect(fields).toEqual(['birthDate', 'bsn', 'schoolType']);
    expect(rows[2]!.errors!.find((e) => e.field === 'bsn')!.reason).toMatch(/elfproef/);
    expect(rows[4]!.errors).toEqual([{ field: '(row)', reason: 'row has 4 fields, the header has 11' }]);
    expect(lines.at(-1)).toEqual({ summary: { rows: 7, accepted: 4, duplicate: 1, rejected: 2, skipped: 0, encoding: 'utf-8' } });
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8]); // the header is line 1

    expect(await count('SELECT count(*)::int AS n FROM uitschrijving')).toBe(4);
    expect(await count("SELECT count(*)::int AS n FROM outbox WHERE type LIKE '%uitschrijving%'")).toBe(4);
    const stored = await rowsOf(
      'SELECT school_reference, bsn, birth_date::text, deregistration_date::text, school_type, exit_interview_held FROM uitschrijving ORDER BY school_reference',
    );
    expect(stored.find((r) => r.school_reference === 'B;2')).toBeDefined();
    expect(stored[0]).toEqual({
      school_reference: 'B-1',
      bsn: '111222333',
      birth_date: '2008-03-14',
      deregistration_date: today,
      school_type: 'mbo',
      exit_interview_held: true,
    });
    expect(stored.find((r) => r.school_reference === 'B-6')?.bsn).toBeNull();
  });

  test('the same file again creates nothing new', async () => {
    const { lines } = await upload('text/csv', csv);
    expect(lines.at(-1)).toEqual({ summary: { rows: 7, accepted: 0, duplicate: 5, rejected: 2, skipped: 0, encoding: 'utf-8' } });
    expect(await count('SELECT count(*)::int AS n FROM uitschrijving')).toBe(4);
    expect(await count('SELECT count(*)::int AS n FROM outbox')).toBe(4);
  });

  test('a JSON array larger than the 1 MB JSON limit streams through, validated like the single endpoint', async () => {
    // Whitespace between elements is valid JSON: it makes the body big without making the test slow.
    const body = `[${JSON.stringify(jsonRow('J-1'))},${' '.repeat(1_500_000)}${JSON.stringify({ ...jsonRow('J-2'), extra: 1 })}, 42]`;
    const { status, lines } = await upload('application/json', body);
    expect(status).toBe(200);
    expect(lines.map((l) => l.status ?? 'summary')).toEqual(['accepted', 'rejected', 'rejected', 'summary']);
    expect(lines[1]!.errors).toEqual([{ field: 'extra', reason: expect.stringMatching(/should not exist/) }]);
    expect(lines[2]!.errors).toEqual([{ field: '(row)', reason: 'row must be an object' }]);
  });

  test('NDJSON: one row per line, a line that is not JSON is rejected on its own', async () => {
    const { lines } = await upload(
      'application/x-ndjson',
      `${JSON.stringify(jsonRow('N-1'))}\n{not json\n${JSON.stringify(jsonRow('J-1'))}\n`,
    );
    expect(lines.map((l) => [l.row, l.status])).toEqual([
      [1, 'accepted'],
      [2, 'rejected'],
      [3, 'duplicate'],
      [undefined, undefined],
    ]);
  });

  test('the bulk route takes a trailing slash and any letter case as every route here does, and still streams', async () => {
    // Express matches this app's routes without case and with or without one trailing slash: the single route shows it.
    const single = await fetch(`${base}/Uitschrijvingen/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(jsonRow('P-0')),
    });
    expect(single.status).toBe(201);
    for (const [i, path] of ['/uitschrijvingen/bulk/', '/UITSCHRIJVINGEN/Bulk', '/Uitschrijvingen/BULK/'].entries()) {
      const small = await upload('application/json', JSON.stringify([jsonRow(`P-${i + 1}`)]), path);
      expect({ path, status: small.status, statuses: small.lines.map((l) => l.status ?? 'summary') }).toEqual({
        path,
        status: 200,
        statuses: ['accepted', 'summary'],
      });
    }
    // Past the 1 MB limit of the JSON parser: only a route the parser leaves alone can answer this with rows.
    const large = `[${JSON.stringify(jsonRow('P-4'))},${' '.repeat(1_500_000)}${JSON.stringify(jsonRow('P-5'))}]`;
    const answer = await upload('application/json', large, '/Uitschrijvingen/Bulk/');
    expect(answer.status).toBe(200);
    expect(answer.lines.map((l) => l.status ?? 'summary')).toEqual(['accepted', 'accepted', 'summary']);
    // A path that is not the route stays a plain 404, as anywhere else.
    expect((await upload('application/json', '[]', '/uitschrijvingen/bulkx')).status).toBe(404);
  });

  test('a CSV with an unknown column, a non-array JSON body or another content type is refused as a whole', async () => {
    expect((await upload('text/csv', `${header};shoe_size\n`)).status).toBe(400);
    const missing = await upload('text/csv', 'referentie,leerlingnummer\nX,1\n');
    expect(missing.status).toBe(400);
    expect(missing.text).toMatch(/missing column\(s\): birthDate/);
    expect((await upload('application/json', '{"schoolReference":"x"}')).status).toBe(400);
    expect((await upload('text/plain', 'hello')).status).toBe(415);
  });

  test('results stream back while the upload is still being sent', async () => {
    const firstBatch = [header, ...Array.from({ length: batchSize }, (_, i) => csvRow(`S-${i}`))].join('\n') + '\n';
    const url = new URL(`${base}/uitschrijvingen/bulk`);
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
    });
    const response = new Promise<import('node:http').IncomingMessage>((resolve, reject) => req.on('response', resolve).on('error', reject));
    req.write(firstBatch);
    const res = await response;
    const received: string[] = [];
    const firstLine = new Promise<string>((resolve) =>
      res.on('data', (chunk: Buffer) => {
        received.push(chunk.toString());
        resolve(received.join(''));
      }),
    );
    // The client has not finished sending: a server that waited for the whole body would never answer this.
    const early = await firstLine;
    expect(req.writableEnded).toBe(false);
    expect(JSON.parse(early.split('\n')[0]!)).toMatchObject({ row: 1, schoolReference: 'S-0', status: 'accepted' });
    // The committed batch's events wait in the outbox, held for the import's end.
    expect(await streamedEvents()).toEqual({ n: batchSize, held: batchSize });

    req.end(csvRow('S-last') + '\n');
    await new Promise((resolve) => res.on('end', resolve));
    // Released once the import has answered: the relay may publish them now.
    await eventually(streamedEvents, (events) => events.held === 0);
    expect(await streamedEvents()).toEqual({ n: batchSize + 1, held: 0 });
    const lines = received
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ResultLine);
    expect(lines.at(-1)).toEqual({
      summary: { rows: batchSize + 1, accepted: batchSize + 1, duplicate: 0, rejected: 0, skipped: 0, encoding: 'utf-8' },
    });
  });

  async function rowsOf(sql: string): Promise<Record<string, unknown>[]> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  const count = async (sql: string) => (await rowsOf(sql))[0]!.n as number;

  /** The outbox rows of the streamed upload's uitschrijvingen (S-…), and how many of them are held. */
  const streamedEvents = async () =>
    (
      await rowsOf(`SELECT count(*)::int AS n, (count(*) FILTER (WHERE o.held_by IS NOT NULL))::int AS held
                      FROM outbox o JOIN uitschrijving u ON o.event->'data'->>'uitschrijvingId' = u.id::text
                     WHERE u.school_reference LIKE 'S-%'`)
    )[0] as { n: number; held: number };
});
