// kill -9 the RMC while uitschrijvingen flow in, restart it: nothing lost, nothing doubled.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { deadLetterCounts, startFaultPlatform, type FaultPlatform } from '../src/harness.js';
import { expectedCounts, schoolToken, SchoolLoad, settle, taakUitschrijvingIds } from '../src/load.js';

const TOTAL = 450;
let platform: FaultPlatform;

beforeAll(async () => {
  platform = await startFaultPlatform('rmc-crash');
});

afterAll(async () => {
  await platform?.close();
});

test('an RMC killed with SIGKILL mid-stream and restarted leaves exactly one task per accepted uitschrijving', async () => {
  const load = new SchoolLoad(platform.school.url, await schoolToken(platform), {
    run: 'crash',
    total: TOTAL,
    concurrency: 3,
    pauseMs: 20,
  });

  await load.answered(120);
  load.phase = 'rmc-down';
  await platform.rmc.kill9();
  expect(platform.rmc.running).toBe(false);

  await load.answered(260);
  load.phase = 'rmc-restarting';
  await platform.rmc.start();
  load.phase = 'after';
  await load.done;

  const accepted = load.accepted;
  // Every request was answered 201: the school never depended on the RMC being up.
  expect(load.outcomes.filter((o) => o.status !== 201)).toEqual([]);
  expect(accepted).toHaveLength(TOTAL);
  // Some of the load really arrived while the RMC was dead.
  expect(accepted.filter((o) => o.phase === 'rmc-down').length).toBeGreaterThan(0);

  const counts = await settle(platform, accepted.length);
  expect(counts).toEqual(expectedCounts(accepted.length));
  expect(await taakUitschrijvingIds(platform)).toEqual(accepted.map((o) => o.id!).sort());
  expect(Object.values(await deadLetterCounts(platform)).reduce((a, b) => a + b, 0)).toBe(0);
});
