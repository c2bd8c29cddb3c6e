// kill -9 the school in the middle of a bulk import, restart it: every row it stored reaches the RMC exactly once.
// The import holds its events in the outbox until it has answered; a killed import never answers, so its restarted
// process's relay frees them.
import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { sql } from '@estafette/testing';
import { deadLetterCounts, startFaultPlatform, type FaultPlatform } from '../src/harness.js';
import { expectedCounts, schoolToken, settle, taakUitschrijvingIds, uitschrijvingBody } from '../src/load.js';

/** Rows sent before the kill: more than two of the import's 500-row batches. */
const SENT = 1_300;
let platform: FaultPlatform;

beforeAll(async () => {
  platform = await startFaultPlatform('school-crash-mid-import');
});

afterAll(async () => {
  await platform?.close();
});

test('a school killed with SIGKILL mid-import and restarted publishes each stored row once; its held events are freed at the start', async () => {
  const url = new URL(`${platform.school.url}/uitschrijvingen/bulk`);
  const upload = request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${await schoolToken(platform)}` },
  });
  upload.on('error', () => {}); // the connection dies with the school
  const answered: { status?: string; id?: string }[] = [];
  const twoBatchesAnswered = new Promise<void>((resolve, reject) => {
    upload.on('response', (res: IncomingMessage) => {
      let buffered = '';
      res.on('error', () => {});
      res.on('data', (chunk: Buffer) => {
        const lines = (buffered + chunk.toString()).split('\n');
        buffered = lines.pop()!;
        answered.push(...lines.map((line) => JSON.parse(line) as { status?: string; id?: string }));
        if (answered.length >= 1_000) resolve();
      });
    });
    upload.on('error', reject);
  });
  // The upload stays open: the import is running when the school is killed.
  for (let i = 0; i < SENT; i++) upload.write(JSON.stringify(uitschrijvingBody('import-crash', i)) + '\n');
  await twoBatchesAnswered;

  const school = platform.postgres.url('school');
  const count = async (url: string, text: string) => Number((await sql<{ n: string }>(url, text))[0]!.n);
  // While the import runs its committed rows' events wait, held: none has reached the RMC.
  expect(await count(school, 'SELECT count(*) AS n FROM outbox WHERE held_by IS NOT NULL')).toBeGreaterThanOrEqual(1_000);
  expect(await count(platform.rmcPostgres.url('rmc'), 'SELECT count(*) AS n FROM taak')).toBe(0);

  await platform.school.kill9();
  const stored = (await sql<{ id: string }>(school, 'SELECT id FROM uitschrijving ORDER BY id')).map((r) => r.id);
  // Every row answered as accepted was committed (a batch is answered after its commit); a batch in flight may be too.
  const accepted = answered.filter((line) => line.status === 'accepted').map((line) => line.id!);
  expect(accepted.length).toBeGreaterThanOrEqual(1_000);
  expect(stored).toEqual(expect.arrayContaining(accepted));
  expect(await count(school, 'SELECT count(*) AS n FROM outbox WHERE held_by IS NOT NULL')).toBe(stored.length);

  await platform.school.start();
  const counts = await settle(platform, stored.length);
  expect(counts).toEqual(expectedCounts(stored.length));
  expect(await taakUitschrijvingIds(platform)).toEqual(stored);
  expect(await count(school, 'SELECT count(*) AS n FROM outbox WHERE held_by IS NOT NULL')).toBe(0);
  expect(Object.values(await deadLetterCounts(platform)).reduce((a, b) => a + b, 0)).toBe(0);
});
