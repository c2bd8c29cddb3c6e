// Decision latency, for the benchmark (not a test): `npm run build` then, with KAFKA_BROKERS and
// DATABASE_URL set (e.g. `node libs/testing/dist/run-with-test-infra.js node services/consent/dist/bench/decision-latency.js`).
// Prints p50/p99 at the service (the use case: consent query + decision + audit append) and over HTTP.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { writeFile } from 'node:fs/promises';
import type { INestApplication } from '@nestjs/common';
import { derivePseudonymousReference } from '@estafette/messaging';
import { DecideSharing } from '../application/decide-sharing.js';
import { loadConvenanten } from '../application/load-convenanten.js';
import { createConsentApp } from '../create-consent-app.js';
import type { DecisionRequest } from '../domain/decide.js';
import { timeCalls, type LatencyStats } from './latency-stats.js';

export interface DecisionLatencyOptions {
  /** Distinct young people, each with a few consents, so the subject index is really used. */
  subjects?: number;
  iterations?: number;
  concurrency?: number;
}

export interface DecisionLatency {
  atService: LatencyStats;
  overHttp: LatencyStats;
}

/**
 * The floor under every audited decision: one durable commit of one small row on the same database, with as many
 * callers as the decisions had. A decision is answered only after its audit entry committed, so its p99 cannot be
 * below this one's (issue 19: why the consent target is judged against the disk's fsync).
 */
export async function measureDurableCommit(ownerUrl: string, iterations: number, concurrency: number): Promise<LatencyStats> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: ownerUrl, max: concurrency });
  try {
    await pool.query('CREATE TABLE IF NOT EXISTS bench_commit_floor (n int NOT NULL, at timestamptz NOT NULL DEFAULT now())');
    return await timeCalls((i) => pool.query('INSERT INTO bench_commit_floor (n) VALUES ($1)', [i]), iterations, concurrency);
  } finally {
    await pool.query('DROP TABLE IF EXISTS bench_commit_floor').catch(() => {});
    await pool.end();
  }
}

/**
 * Why a missed p99 was missed, honest about the floor: over the target, the disk alone rules it out while a decision
 * waits for its audit entry's durable commit; under it, the rest is the service's own path.
 */
function limitedBy(floorP99Ms: number, concurrency: number): string {
  const waits = "A decision answers only after its audit entry's durable commit (nothing permitted unaudited)";
  return floorP99Ms > 5
    ? `${waits}, and one bare commit of one row on this database already has p99 ${floorP99Ms.toFixed(2)} ms: the disk's sync alone is over the target.`
    : `${waits}; one bare commit of one row has p99 ${floorP99Ms.toFixed(2)} ms here, so the rest is the service's own path under this load: ${concurrency} decisions always in flight on ${availableParallelism()} cores shared by the service, its database and this load, so a decision also waits for the CPU (infra/bench/README.md: the p99 with one decision in flight, and with the audit turn taken out).`;
}

const RMC = { organisationType: 'rmc', id: 'rmc:MC21' } as const;
const WI = { organisationType: 'werk-inkomen', id: 'oin:00000001002564440000' } as const;

/** Measures against a running consent app; `token` is an access token of a holder role for rmc:MC21. */
export async function measureDecisionLatency(
  app: INestApplication,
  token: string,
  options: DecisionLatencyOptions = {},
): Promise<DecisionLatency> {
  const { subjects = 2_000, iterations = 5_000, concurrency = 8 } = options;
  const refs = await seedConsents(app, subjects);
  const request = (i: number): DecisionRequest => ({
    from: RMC,
    to: WI,
    subject: refs[i % refs.length]!,
    dataCategories: ['contactgegevens'],
    purpose: 'warme-overdracht',
    level: 'inhoud',
  });
  const useCase = app.get(DecideSharing);
  const atService = await timeCalls((i) => useCase.execute(request(i), { subject: 'bench' }), iterations, concurrency);
  const url = `${await app.getUrl()}/decisions`;
  const overHttp = await timeCalls(
    async (i) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(request(i)),
      });
      if (res.status !== 200) throw new Error(`decision answered ${res.status}`);
      await res.arrayBuffer();
    },
    iterations,
    concurrency,
  );
  return { atService, overHttp };
}

async function seedConsents(app: INestApplication, subjects: number): Promise<string[]> {
  const { DataSource } = await import('typeorm');
  const dataSource = app.get(DataSource);
  const refs = Array.from({ length: subjects }, () =>
    derivePseudonymousReference('bench-secret-of-at-least-thirty-two-bytes', { organisationId: RMC.id, personId: randomUUID() }),
  );
  // Three consents a person (one withdrawn), straight into the table: the bench measures deciding, not giving.
  await dataSource.query(
    `INSERT INTO toestemming (id, subject, birth_date, data_categories, from_type, from_id, to_type, to_id, purpose, valid_from, valid_until,
       wording_version, wording_text, how_given, granted_by, given_at, withdrawn_at, withdrawn_by)
     SELECT gen_random_uuid(), s, '2004-01-01', ARRAY['contactgegevens','trajectgegevens'], 'rmc', 'rmc:MC21', 'werk-inkomen', NULL, p, '2025-01-01', NULL,
       'bench@1', 'bench', 'digitaal-ondertekend', ARRAY['jongere'], now(), CASE WHEN p = 'nazorg' THEN now() END, CASE WHEN p = 'nazorg' THEN 'jongere' END
       FROM unnest($1::text[]) AS s, unnest(ARRAY['warme-overdracht','nazorg','trajectbegeleiding']) AS p`,
    [refs],
  );
  await dataSource.query('ANALYZE toestemming');
  return refs;
}

async function main(): Promise<void> {
  const { createTestDatabase, provisionTestTopics, serviceKafka, startTestIssuer, uniqueTopicPrefix } = await import('@estafette/testing');
  const prefix = uniqueTopicPrefix();
  await provisionTestTopics(prefix);
  const db = await createTestDatabase('consentbench');
  const issuer = await startTestIssuer();
  const app = await createConsentApp(
    {
      name: 'consent',
      port: 0,
      host: '127.0.0.1',
      databaseUrl: db.url,
      migrationUrl: db.ownerUrl,
      ...serviceKafka('consent'),
      topicPrefix: prefix,
      oidcIssuer: issuer.issuer,
      oidcAudience: issuer.audience,
      oidcJwksUrl: issuer.jwksUrl,
    } as never,
    { minorAgeThreshold: 18, organisationId: 'oin:00000001234567890000', convenanten: loadConvenanten() },
    false,
  );
  try {
    await app.listen(0, '127.0.0.1');
    const token = await issuer.issueToken({ role: 'rmc-consulent', organisationType: 'rmc', organisationId: RMC.id });
    const iterations = Number(process.env.BENCH_ITERATIONS ?? 5_000);
    const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
    const result = await measureDecisionLatency(app, token, { iterations, concurrency });
    const floor = await measureDurableCommit(db.ownerUrl, iterations, concurrency);
    const line = (name: string, s: LatencyStats, what = 'decisions') =>
      `${name.padEnd(11)} p50 ${s.p50Ms.toFixed(2)} ms  p99 ${s.p99Ms.toFixed(2)} ms  max ${s.maxMs.toFixed(2)} ms  (${s.samples} ${what})`;
    process.stdout.write(
      `decision latency\n${line('at service', result.atService)}\n${line('over HTTP', result.overHttp)}\n${line('commit floor', floor, 'one-row durable commits')}\n`,
    );
    // Picked up by `npm run bench` (infra/bench/run.ts) for bench-results/.
    const summary = {
      name: 'consent decision latency',
      metrics: {
        atServiceP50Ms: result.atService.p50Ms,
        atServiceP99Ms: result.atService.p99Ms,
        overHttpP50Ms: result.overHttp.p50Ms,
        overHttpP99Ms: result.overHttp.p99Ms,
        durableCommitP50Ms: floor.p50Ms,
        durableCommitP99Ms: floor.p99Ms,
        decisions: result.atService.samples,
      },
      targets: [
        {
          what: 'consent decision p99 at the service',
          target: '<= 5 ms',
          measured: `${result.atService.p99Ms.toFixed(2)} ms (p50 ${result.atService.p50Ms.toFixed(2)} ms; one durable commit on the same database: p50 ${floor.p50Ms.toFixed(2)}, p99 ${floor.p99Ms.toFixed(2)} ms)`,
          met: result.atService.p99Ms <= 5,
          ...(result.atService.p99Ms > 5
            ? {
                limitedBy: limitedBy(floor.p99Ms, concurrency),
              }
            : {}),
        },
      ],
      met: result.atService.p99Ms <= 5,
    };
    if (process.env.BENCH_RESULT_FILE) await writeFile(process.env.BENCH_RESULT_FILE, JSON.stringify(summary, null, 2));
  } finally {
    await app.close();
    await issuer.close();
    await db.drop();
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await main();
