// A small demo (30 young people) against the services as processes on the test broker and database:
// every API answer as planned, and every store holds what the scenario says.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { postgresFromEnvironment, startProcessPlatform, type ProcessPlatform } from '@estafette/infra';
import { kafkaBrokers, sql, uniqueTopicPrefix } from '@estafette/testing';
import { PlatformClient, type Endpoints } from '../src/platform-client.js';
import { playDemo } from '../src/play.js';
import { demoRegion } from '../src/demo-region.js';
import { demoScenario, plannedCounts } from '../src/scenario.js';
import { today as amsterdamToday } from '@estafette/calendar';

const today = amsterdamToday();
const people = demoScenario({ seed: 11, size: 30, today, region: demoRegion() });
const planned = plannedCounts(people);
let platform: ProcessPlatform;
let workDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'estafette-demo-test-'));
  platform = await startProcessPlatform({
    workDir,
    postgres: postgresFromEnvironment()!,
    kafkaBrokers: kafkaBrokers(),
    topicPrefix: uniqueTopicPrefix(),
    dbPrefix: `demo${Date.now().toString(36)}_`,
    // The organisation directory checks every handover's receiver (the demo organisations are seeded).
    required: ['identity', 'school', 'rmc', 'werk-inkomen', 'zorg', 'consent', 'organisations'],
    only: ['identity', 'school', 'rmc', 'werk-inkomen', 'zorg', 'consent', 'organisations'],
    // Follow-up checks are timers too: fire them promptly rather than every few minutes.
    env: { RMC_TIMER_INTERVAL_MS: '1000', WERK_INKOMEN_TIMER_INTERVAL_MS: '1000', ZORG_TIMER_INTERVAL_MS: '1000' },
    log: () => {},
  });
}, 240_000);

afterAll(async () => {
  await platform?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

const count = async (service: string, query: string) => Number((await sql<{ n: string }>(platform.databaseUrl(service), query))[0]!.n);

test('a small demo year leaves in every store what the scenario planned', async () => {
  const endpoints = Object.fromEntries([...platform.services].map(([name, p]) => [name, p.url])) as Endpoints;
  const state = JSON.parse(readFileSync(platform.identityStateFile, 'utf8')) as {
    clientSecrets: Record<string, string>;
    demoPassword: string;
  };
  const tally = await playDemo(new PlatformClient(endpoints, state), people, {
    runId: 'it',
    today,
    pseudonymSecret: platform.secrets.SCHOOL_PSEUDONYM_SECRET!,
    propagationTimeoutMs: 90_000,
    log: () => {},
  });

  expect(Object.entries(tally).filter(([, t]) => t.failed > 0)).toEqual([]);
  expect(tally.uitschrijving!.ok).toBe(planned.uitschrijvingen);
  expect(tally['rmc-taak']!.ok).toBe(planned.uitschrijvingen);

  expect(await count('school', 'SELECT count(*) AS n FROM uitschrijving')).toBe(planned.uitschrijvingen);
  // Within the grace period the melding is cancelled, after it the young person went back to school: both are re-enrolments.
  expect(await count('rmc', "SELECT count(*) AS n FROM taak WHERE close_reason IN ('nieuwe-inschrijving', 'terug-naar-school')")).toBe(
    planned.herinschrijvingen,
  );
  expect(await count('rmc', 'SELECT count(*) AS n FROM taak WHERE buiten_beeld')).toBe(planned.buitenBeeld);
  expect(await count('rmc', 'SELECT count(*) AS n FROM uitgaande_overdracht')).toBe(planned.overdrachten);
  const referrals = async (service: string, status?: string) =>
    count(service, `SELECT count(*) AS n FROM verwijzing${status ? ` WHERE status = '${status}'` : ''}`);
  expect(await referrals('werk-inkomen')).toBe(planned.naarWerkInkomen);
  expect(await referrals('zorg')).toBe(planned.naarZorg);
  expect((await referrals('werk-inkomen', 'afgewezen')) + (await referrals('zorg', 'afgewezen'))).toBe(planned.afgewezen);
  expect((await referrals('werk-inkomen', 'aangeboden')) + (await referrals('zorg', 'aangeboden'))).toBe(planned.onbeantwoord);
  const placements =
    (await count('werk-inkomen', 'SELECT count(*) AS n FROM plaatsing')) + (await count('zorg', 'SELECT count(*) AS n FROM plaatsing'));
  expect(placements).toBe(planned.plaatsingen);
  const dropouts =
    (await count('werk-inkomen', "SELECT count(*) AS n FROM plaatsing WHERE status = 'uitgevallen'")) +
    (await count('zorg', "SELECT count(*) AS n FROM plaatsing WHERE status = 'uitgevallen'"));
  expect(dropouts).toBe(planned.uitgevallen);
});
