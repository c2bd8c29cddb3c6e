// Scale-out: two instances of each consuming service (school, RMC, W&I, monitor) on the same broker and databases play
// a small demo year. Each pair shares a consumer group, a database and its durable timers: every store must hold
// exactly what the scenario planned, nothing doubled (task, event, timer) and nothing lost.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { postgresFromEnvironment, startProcessPlatform, type ProcessPlatform } from '@estafette/infra';
import { createKafka } from '@estafette/messaging';
import { eventually, kafkaAccess, kafkaBrokers, sql, uniqueTopicPrefix } from '@estafette/testing';
import { today as amsterdamToday } from '@estafette/calendar';
import { PlatformClient, type Endpoints } from '../src/platform-client.js';
import { playDemo } from '../src/play.js';
import { demoRegion } from '../src/demo-region.js';
import { demoScenario, plannedCounts } from '../src/scenario.js';

const today = amsterdamToday();
const people = demoScenario({ seed: 11, size: 30, today, region: demoRegion() });
const planned = plannedCounts(people);
const TWICE = ['school', 'rmc', 'werk-inkomen', 'monitor'];
const prefix = uniqueTopicPrefix();
let platform: ProcessPlatform;
let workDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'estafette-scale-out-test-'));
  const services = ['identity', 'school', 'rmc', 'werk-inkomen', 'zorg', 'consent', 'organisations', 'monitor'];
  platform = await startProcessPlatform({
    workDir,
    postgres: postgresFromEnvironment()!,
    kafkaBrokers: kafkaBrokers(),
    topicPrefix: prefix,
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
/**
 * The sum of `query`'s count over `services` once `reached` holds (or after the wait): a doubled effect shows as more,
 * a lost one as less.
 */
const settled = (services: string[], query: string, reached: (n: number) => boolean) => {
  const sum = async () => (await Promise.all(services.map((s) => count(s, query)))).reduce((a, b) => a + b, 0);
  return eventually(sum, reached).catch(sum);
};
const atLeast = (expected: number) => (n: number) => n >= expected;

test('two instances of each consuming service leave every store as one would: nothing doubled, nothing lost', async () => {
  for (const name of TWICE) expect(platform.services.get(`${name}#2`)?.running).toBe(true);
  // Both instances of each service are members of its consumer group, so both take a share of the partitions.
  const admin = createKafka({ ...kafkaAccess(), clientId: 'scale-out-test' }).admin();
  await admin.connect();
  try {
    const groups = TWICE.map((name) => `${prefix}estafette-${name}`);
    const members = async () => (await admin.describeGroups(groups)).groups.map((g) => g.members.length);
    expect(await eventually(members, (n) => n.every((m) => m === 2), 60_000).catch(members)).toEqual(TWICE.map(() => 2));
  } finally {
    await admin.disconnect();
  }
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

  // Every count in one comparison, so a failure shows at once what was doubled or lost and where.
  // Tasks: one per uitschrijving the school took (a task for a returning young person comes on top), whichever instance
  // consumed the event; and the outcomes the scenario planned, which a doubled or lost event or timer would change.
  const uitschrijvingIds = (await sql<{ id: string }>(platform.databaseUrl('school'), 'SELECT id FROM uitschrijving')).map((r) => r.id);
  const observed = {
    uitschrijvingen: uitschrijvingIds.length,
    tasks: await count('rmc', `SELECT count(*) AS n FROM taak WHERE uitschrijving_id = ANY('{${uitschrijvingIds.join(',')}}'::uuid[])`),
    herinschrijvingen: await count(
      'rmc',
      "SELECT count(*) AS n FROM taak WHERE close_reason IN ('nieuwe-inschrijving', 'terug-naar-school')",
    ),
    buitenBeeld: await count('rmc', 'SELECT count(*) AS n FROM taak WHERE buiten_beeld'),
    overdrachten: await count('rmc', 'SELECT count(*) AS n FROM uitgaande_overdracht'),
    naarWerkInkomen: await count('werk-inkomen', 'SELECT count(*) AS n FROM verwijzing'),
    plaatsingen:
      (await count('werk-inkomen', 'SELECT count(*) AS n FROM plaatsing')) + (await count('zorg', 'SELECT count(*) AS n FROM plaatsing')),
    // Events: each published once and consumed once (what crosses the broker last may still be on its way).
    unpublished: await settled(
      ['school', 'rmc', 'werk-inkomen'],
      'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL',
      (n) => n === 0,
    ),
    published: await settled(
      ['school'],
      "SELECT count(*) AS n FROM outbox WHERE type LIKE '%uitschrijving.registered%'",
      atLeast(planned.uitschrijvingen),
    ),
    consumedByRmc: await settled(
      ['rmc'],
      "SELECT count(*) AS n FROM inbox WHERE type LIKE '%uitschrijving.registered%'",
      atLeast(planned.uitschrijvingen),
    ),
    seenByMonitor: await settled(
      ['monitor'],
      "SELECT count(*) AS n FROM flow_event WHERE type LIKE '%uitschrijving.registered%'",
      atLeast(planned.uitschrijvingen),
    ),
  };
  expect(observed).toEqual({
    uitschrijvingen: planned.uitschrijvingen,
    tasks: planned.uitschrijvingen,
    herinschrijvingen: planned.herinschrijvingen,
    buitenBeeld: planned.buitenBeeld,
    overdrachten: planned.overdrachten,
    naarWerkInkomen: planned.naarWerkInkomen,
    plaatsingen: planned.plaatsingen,
    unpublished: 0,
    published: planned.uitschrijvingen,
    consumedByRmc: planned.uitschrijvingen,
    seenByMonitor: planned.uitschrijvingen,
  });
});
