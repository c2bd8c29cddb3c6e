// Stop the Kafka broker while uitschrijvingen flow in, start it again: the school keeps accepting
// (the outbox holds the events), and afterwards every accepted uitschrijving reaches the RMC exactly once.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { deadLetterCounts, startFaultPlatform, type FaultPlatform } from '../src/harness.js';
import { expectedCounts, schoolToken, SchoolLoad, settle, taakUitschrijvingIds } from '../src/load.js';
import { sql } from '@estafette/testing';

// A cap only: the load stops once every phase has seen its answers, however long the broker takes to stop.
const MAX_REQUESTS = 5000;
const ANSWERS_PER_PHASE = 120;
let platform: FaultPlatform;

beforeAll(async () => {
  platform = await startFaultPlatform('broker-restart');
});

afterAll(async () => {
  await platform?.close();
});

test('with the broker down the school answers 201 and the outbox holds; after the restart each event reaches the RMC once', async () => {
  const load = new SchoolLoad(platform.school.url, await schoolToken(platform), {
    run: 'broker',
    total: MAX_REQUESTS,
    concurrency: 3,
    pauseMs: 20,
  });

  await load.answered(ANSWERS_PER_PHASE);
  load.phase = 'broker-stopping';
  await platform.kafka.stop();
  load.phase = 'broker-down';
  const answeredAtStop = load.outcomes.length;
  await load.answered(answeredAtStop + ANSWERS_PER_PHASE);
  // While the broker is down nothing can be published: the outbox holds what was accepted. Answers
  // that come while the outbox is counted get their own phase, so every 'broker-down' one is counted.
  load.phase = 'counting';
  const heldBack = Number(
    (await sql<{ n: string }>(platform.postgres.url('school'), 'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'))[0]!.n,
  );
  load.phase = 'broker-starting';
  await platform.kafka.start();
  load.phase = 'after';
  await load.answered(load.outcomes.length + ANSWERS_PER_PHASE / 2);
  load.stop();
  await load.done;

  const accepted = load.accepted;
  expect(load.outcomes.filter((o) => o.status !== 201)).toEqual([]);
  expect(accepted.length).toBeLessThan(MAX_REQUESTS);
  const acceptedWhileDown = accepted.filter((o) => o.phase === 'broker-down').length;
  expect(acceptedWhileDown).toBeGreaterThanOrEqual(ANSWERS_PER_PHASE);
  expect(accepted.filter((o) => o.phase === 'after').length).toBeGreaterThanOrEqual(ANSWERS_PER_PHASE / 2);
  expect(heldBack).toBeGreaterThanOrEqual(acceptedWhileDown);

  const counts = await settle(platform, accepted.length, 180_000);
  expect(counts).toEqual(expectedCounts(accepted.length));
  expect(await taakUitschrijvingIds(platform)).toEqual(accepted.map((o) => o.id!).sort());
  expect(Object.values(await deadLetterCounts(platform)).reduce((a, b) => a + b, 0)).toBe(0);
  // Both services are still up and healthy after the broker came back.
  await platform.school.waitHealthy(60_000);
  await platform.rmc.waitHealthy(60_000);
});
