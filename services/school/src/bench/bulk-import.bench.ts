// 100,000 CSV rows through the real POST /uitschrijvingen/bulk, for the benchmark (not a test).
// `npm run build`, then with KAFKA_BROKERS and DATABASE_URL set: `npm run bench -w @estafette/school`.
// The service runs in this process so its RSS can be sampled; the client streams its upload and reads
// the answer line by line, so it adds little. Writes JSON to BENCH_RESULT_FILE (or stdout).
import { writeFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { createTestDatabase, kafkaBrokers, provisionTestTopics, startTestIssuer, uniqueTopicPrefix } from '@estafette/testing';
import { createSchoolApp } from '../create-school-app.js';

const ROWS = Number(process.env.BENCH_SCHOOL_ROWS ?? 100_000);
const TARGETS = { seconds: 60, rssMb: 250 };
const MB = 1024 * 1024;

const today = new Date().toISOString().slice(0, 10);
const BSNS = ['111222333', '123456782'];

function* csv(rows: number): Generator<string> {
  yield 'referentie;leerlingnummer;bsn;geboortedatum;datum_uitschrijving;onderwijssoort;niveau;hoogste_diploma;reden;exitgesprek;gemeentecode\n';
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    // Every 50th row is invalid (bad school type), so the rejected path is measured too.
    chunk += `BENCH-${i};${100000 + i};${i % 3 === 0 ? '' : BSNS[i % 2]};2008-03-14;${today};${i % 50 === 0 ? 'hbo' : 'mbo'};mbo-2;vmbo-kb;zonder-vervolg;ja;GM0363\n`;
    if (i % 200 === 0) { yield chunk; chunk = ''; }
  }
  if (chunk) yield chunk;
}

async function main() {
  const prefix = uniqueTopicPrefix();
  await provisionTestTopics(prefix);
  const db = await createTestDatabase('schoolbench');
  const issuer = await startTestIssuer();
  const token = await issuer.issueToken({ role: 'school-system', organisationType: 'school', organisationId: 'brin:99BN', sub: 'bench' });
  const app = await createSchoolApp(
    { name: 'school', port: 0, host: '127.0.0.1', databaseUrl: db.url, kafkaBrokers: kafkaBrokers(), topicPrefix: prefix, oidcIssuer: issuer.issuer, oidcAudience: issuer.audience, oidcJwksUrl: issuer.jwksUrl },
    { pseudonymSecret: 'bench-secret-of-at-least-thirty-two-bytes!', publicUrl: 'http://school.bench' },
    false,
  );
  await app.listen(0, '127.0.0.1');
  const url = new URL(`${await app.getUrl()}/uitschrijvingen/bulk`);

  global.gc?.();
  const rssBeforeMb = process.memoryUsage().rss / MB;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

  const started = performance.now();
  let firstResultMs = NaN;
  const counts = { accepted: 0, duplicate: 0, rejected: 0 };
  let summary: unknown;
  await new Promise<void>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` } });
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
          const parsed = JSON.parse(line) as { status?: keyof typeof counts; summary?: unknown; error?: string };
          if (parsed.status) counts[parsed.status]++;
          if (parsed.summary) summary = parsed.summary;
          if (parsed.error) reject(new Error(parsed.error));
        }
      });
      res.on('end', resolve);
    });
    Readable.from(csv(ROWS)).pipe(req);
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  await app.close();
  await db.drop();
  await issuer.close();

  const peakRssMb = Math.round(peakRss / MB);
  const result = {
    name: 'school: bulk uitschrijvingen (CSV over HTTP)',
    metrics: {
      rows: ROWS,
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round(ROWS / seconds),
      firstResultAfterMs: Math.round(firstResultMs),
      rssBeforeMb: Math.round(rssBeforeMb),
      peakRssMb,
      ...counts,
    },
    summaryLine: summary,
    targets: { seconds: `< ${TARGETS.seconds}`, peakRssMb: `< ${TARGETS.rssMb}` },
    met: seconds < TARGETS.seconds && peakRssMb < TARGETS.rssMb,
    note: 'RSS of one process hosting the service (incl. outbox relay publishing to Kafka) and the streaming client.',
  };
  const json = JSON.stringify(result, null, 2);
  if (process.env.BENCH_RESULT_FILE) await writeFile(process.env.BENCH_RESULT_FILE, json);
  else process.stdout.write(`${json}\n`);
}

await main();
process.exit(0);
