// Scale-out: two instances of each consuming service (school, RMC, W&I, monitor) on the same broker and databases play
// a small demo year. Each pair shares a consumer group, a database and its durable timers: every store must hold
// exactly what the scenario planned, nothing doubled (task, event, timer) and nothing lost.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { postgresFromEnvironment, startProcessPlatform, type ProcessPlatform } from '@estafette/infra';
import { kafkaBrokers, sql, uniqueTopicPrefix } from '@estafette/testing';
import { today as amsterdamToday } from '@estafette/calendar';
import { PlatformClient, type Endpoints } from '../src/platform-client.js';
import { playDemo } from '../src/play.js';
import { demoRegion } from '../src/demo-region.js';
import { demoScenario, plannedCounts } from '../src/scenario.js';

const today = amsterdamToday();
const people = demoScenario({ seed: 11, size: 30, today, region: demoRegion() });
const planned = plannedCounts(people);
const TWICE = ['school', 'rmc', 'werk-inkomen', 'monitor'];
let platform: ProcessPlatform;
let workDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'estafette-scale-out-test-'));
  const services = ['identity', 'school', 'rmc', 'werk-inkomen', 'zorg', 'consent', 'organisations', 'monitor'];
  platform = await startProcessPlatform({
    workDir,
    postgres: postgresFromEnvironment()!,
    kafkaBrokers: kafkaBrokers(),
    topicPrefix: uniqueTopicPrefix(),
    dbPrefix: `scale${Date.now().toString(36)}_`,
    required: services,
    only: services,
    replicas: TWICE,
    // Both instances of a service look for due timers every second: a timer fired by both would show as a doubled effect.
    env: { RMC_TIMER_INTERVAL_MS: '1000', WERK_INKOMEN_TIMER_INTERVAL_MS: '1000', ZORG_TIMER_INTERVAL_MS: '1000' },
    log: () => {},
  });
}, 300_000);

afterAll(async () => {
  await platform?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

const count = async (service: string, query: string) => Number((await sql<{ n: string }>(platform.databaseUrl(service), query))[0]!.n);

test('two instances of each consuming service leave every store as one would: nothing doubled, nothing lost', async () => {
  for (const name of TWICE) expect(platform.services.get(`${name}#2`)?.running).toBe(true);
  const endpoints = Object.fromEntries([...platform.services].map(([name, p]) => [name, p.url])) as Endpoints;
  const state = JSON.parse(readFileSync(platform.identityStateFile, 'utf8')) as {
    clientSecrets: Record<string, string>;
    demoPassword: string;
  };
  const tally = await playDemo(new PlatformClient(endpoints, state), people, {
    runId: 'scale',
    today,
    pseudonymSecret: platform.secrets.SCHOOL_PSEUDONYM_SECRET!,
    propagationTimeoutMs: 120_000,
    log: () => {},
  });
  expect(Object.entries(tally).filter(([, t]) => t.failed > 0)).toEqual([]);

  // Tasks and handovers: one per planned uitschrijving and overdracht, whichever instance consumed the event.
  expect(await count('rmc', 'SELECT count(*) AS n FROM taak')).toBe(planned.uitschrijvingen);
  expect(await count('rmc', 'SELECT count(DISTINCT uitschrijving_id) AS n FROM taak')).toBe(planned.uitschrijvingen);
  expect(await count('rmc', 'SELECT count(*) AS n FROM uitgaande_overdracht')).toBe(planned.overdrachten);
  expect(await count('werk-inkomen', 'SELECT count(*) AS n FROM verwijzing')).toBe(planned.naarWerkInkomen);
  // Timers fire on both instances every second; their effects (a young person out of sight, a handover offered,
  // a follow-up check) are as planned, not doubled.
  expect(await count('rmc', 'SELECT count(*) AS n FROM taak WHERE buiten_beeld')).toBe(planned.buitenBeeld);
  expect(await count('werk-inkomen', 'SELECT count(*) AS n FROM plaatsing')).toBeLessThanOrEqual(planned.plaatsingen);
  for (const service of ['school', 'rmc', 'werk-inkomen']) {
    expect(await count(service, 'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')).toBe(0);
  }
  expect(await count('school', "SELECT count(*) AS n FROM outbox WHERE type LIKE '%uitschrijving.registered%'")).toBe(
    planned.uitschrijvingen,
  );
  expect(await count('rmc', "SELECT count(*) AS n FROM outbox WHERE type LIKE '%vsv-melding.registered%'")).toBe(planned.uitschrijvingen);
  expect(await count('monitor', "SELECT count(*) AS n FROM flow_event WHERE type LIKE '%uitschrijving.registered%'")).toBe(
    planned.uitschrijvingen,
  );
});
