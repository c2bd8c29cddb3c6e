// Stop the RMC's own PostgreSQL for 20 seconds while uitschrijvingen flow in, start it again: the RMC
// stops consuming without committing offsets, dead-letters nothing, survives, and catches up.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { uitschrijvingRegistered } from '@estafette/contracts';
import { sql } from '@estafette/testing';
import { deadLetterCounts, startFaultPlatform, type FaultPlatform } from '../src/harness.js';
import { expectedCounts, schoolToken, SchoolLoad, settle, taakUitschrijvingIds } from '../src/load.js';

const TOTAL = 450;
const OUTAGE_MS = 20_000;
let platform: FaultPlatform;

beforeAll(async () => {
  platform = await startFaultPlatform('db-outage', { ownRmcPostgres: true });
});

afterAll(async () => {
  await platform?.close();
});

/** How far the RMC's consumer group trails the end of the uitschrijving topic. */
async function rmcLag(): Promise<number> {
  const admin = platform.admin().admin();
  await admin.connect();
  try {
    const topic = `${platform.prefix}${uitschrijvingRegistered.topic}`;
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId: `${platform.prefix}estafette-rmc`, topics: [topic] });
    const done = new Map(committed!.partitions.map((p) => [p.partition, Math.max(0, Number(p.offset))]));
    return ends.reduce((lag, p) => lag + Number(p.high) - (done.get(p.partition) ?? 0), 0);
  } finally {
    await admin.disconnect();
  }
}

test('the RMC rides out a database outage: no dead letters, no commits while down, every task after it', async () => {
  const load = new SchoolLoad(platform.school.url, await schoolToken(platform), {
    run: 'dbdown',
    total: TOTAL,
    concurrency: 3,
    pauseMs: 20,
  });

  await load.answered(120);
  load.phase = 'db-stopping';
  await platform.rmcPostgres.stop();
  load.phase = 'db-down';
  const downSince = Date.now();
  await load.answered(load.outcomes.length + 120);
  await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - downSince))));
  // The school (its own database) published everything it accepted; the RMC could store none of what came meanwhile.
  const school = platform.postgres.url('school');
  for (let i = 0; i < 100; i++) {
    const [row] = await sql<{ n: string }>(school, 'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL');
    if (row!.n === '0') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const acceptedWhileDown = load.accepted.filter((o) => o.phase === 'db-down').length;
  const lagWhileDown = await rmcLag();
  expect(platform.rmc.running).toBe(true);
  load.phase = 'db-starting';
  await platform.rmcPostgres.start();
  load.phase = 'after';
  await load.done;

  const accepted = load.accepted;
  expect(load.outcomes.filter((o) => o.status !== 201)).toEqual([]);
  expect(accepted).toHaveLength(TOTAL);
  expect(acceptedWhileDown).toBeGreaterThanOrEqual(100);
  // Nothing that arrived during the outage was committed as consumed.
  expect(lagWhileDown).toBeGreaterThanOrEqual(acceptedWhileDown);

  const counts = await settle(platform, accepted.length, 180_000);
  expect(counts).toEqual(expectedCounts(accepted.length));
  expect(await taakUitschrijvingIds(platform)).toEqual(accepted.map((o) => o.id!).sort());
  expect(Object.values(await deadLetterCounts(platform)).reduce((a, b) => a + b, 0)).toBe(0);
  expect(await rmcLag()).toBe(0);
  expect(platform.rmc.running).toBe(true);
  await platform.rmc.waitHealthy(60_000);
});
