// 100,000 CSV rows through the school's real POST /uitschrijvingen/bulk, streamed up and read back line by
// line. The service is its own process here, so its memory is measured apart from this client's.
import { request, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import pg from 'pg';
import { today as amsterdamToday } from '@estafette/calendar';
import { bsnFor } from '../../platform/vsv-leaver.js';

export interface BulkImportResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  firstResultAfterMs: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  /** Why the upload ended early; the counts are what was answered until then. */
  error?: string;
}

function* csv(rows: number, runId: string): Generator<string> {
  const today = amsterdamToday();
  yield 'referentie;leerlingnummer;bsn;geboortedatum;datum_uitschrijving;onderwijssoort;niveau;hoogste_diploma;reden;exitgesprek;gemeentecode\n';
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    // One student per row, as in a school's own export: a BSN of their own, or none (every third row: a student with
    // only an onderwijsnummer). Every 50th row is invalid (bad school type), so the rejected path is measured too.
    chunk += `BULK-${runId}-${i};${100000 + i};${i % 3 === 0 ? '' : bsnFor(1_000_000 + i)};2008-03-14;${today};${i % 50 === 0 ? 'hbo' : 'mbo'};mbo-2;vmbo-kb;zonder-vervolg;ja;GM0363\n`;
    if (i % 200 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * Streams `rows` CSV rows to the school's bulk endpoint and counts the answers; `progress` hears every `every`-th answered
 * row with the milliseconds since the upload started (a slowing import shows where it slows).
 */
export async function bulkImport(
  schoolUrl: string,
  token: string,
  rows: number,
  runId: string,
  progress: { every: number; report: (answered: number, ms: number) => void } = { every: Infinity, report: () => {} },
): Promise<BulkImportResult> {
  const url = new URL(`${schoolUrl}/uitschrijvingen/bulk`);
  const started = performance.now();
  let firstResultMs = NaN;
  const counts = { accepted: 0, duplicate: 0, rejected: 0 };
  let error: string | undefined;
  await new Promise<void>((resolve, reject) => {
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
    });
    req.on('error', reject);
    req.on('response', (res: IncomingMessage) => {
      if (res.statusCode !== 200) return reject(new Error(`bulk answered ${res.statusCode}`));
      let rest = '';
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        if (Number.isNaN(firstResultMs)) firstResultMs = performance.now() - started;
        rest += text;
        const lines = rest.split('\n');
        rest = lines.pop()!;
        for (const line of lines) {
          const parsed = JSON.parse(line) as { status?: keyof typeof counts; error?: string };
          if (parsed.status) {
            counts[parsed.status]++;
            const answered = counts.accepted + counts.duplicate + counts.rejected;
            if (answered % progress.every === 0) progress.report(answered, Math.round(performance.now() - started));
          }
          if (parsed.error) reject(new Error(parsed.error));
        }
      });
      res.on('end', resolve);
    });
    Readable.from(csv(rows, runId)).pipe(req);
  }).catch((e: Error) => {
    error = e.message;
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    rows,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(rows / seconds),
    firstResultAfterMs: Math.round(firstResultMs),
    ...counts,
    ...(error ? { error } : {}),
  };
}

/** How far the RMC had come with an import's tasks: stored when the school answered its last row, and when the last came. */
export interface ImportTasks {
  storedWhenAnswered: number;
  stored: number;
  /** Seconds from the upload's start to the last task's created_at (the whole chain, not only the school's answer). */
  lastStoredAfterSeconds: number;
}

/**
 * Counts the RMC tasks created since `startedAtMs` (epoch ms) now, then polls until `expected` are there or nothing new
 * came for `stallMs`. Assumes nothing else creates tasks meanwhile (the bench sends nothing else during the import).
 */
export async function importTasks(rmcDatabaseUrl: string, startedAtMs: number, expected: number, stallMs = 30_000): Promise<ImportTasks> {
  const client = new pg.Client({ connectionString: rmcDatabaseUrl });
  await client.connect();
  try {
    const count = async () => {
      const { rows } = await client.query<{ n: number; last: number | null }>(
        `SELECT count(*)::int AS n, (extract(epoch FROM max(created_at)) * 1000)::float8 AS last FROM taak WHERE created_at >= $1`,
        [new Date(startedAtMs)],
      );
      return rows[0]!;
    };
    let now = await count();
    const storedWhenAnswered = now.n;
    let lastProgress = Date.now();
    while (now.n < expected && Date.now() - lastProgress < stallMs) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const next = await count();
      if (next.n > now.n) lastProgress = Date.now();
      now = next;
    }
    return {
      storedWhenAnswered,
      stored: now.n,
      lastStoredAfterSeconds: now.last === null ? NaN : Math.round((now.last - startedAtMs) / 100) / 10,
    };
  } finally {
    await client.end();
  }
}
