// kill -9 the RMC while its consumer has a batch transaction open, restart it: no event lost, none applied twice.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import pg from 'pg';
import { youngPersonsTurnKey } from '@estafette/messaging';
import { sql } from '@estafette/testing';
import { deadLetterCounts, startFaultPlatform, type FaultPlatform } from '../src/harness.js';
import { expectedCounts, schoolToken, SchoolLoad, settle, storeCounts, taakUitschrijvingIds } from '../src/load.js';

const TOTAL = 600;
let platform: FaultPlatform;

beforeAll(async () => {
  platform = await startFaultPlatform('consumer-crash-mid-batch');
});

afterAll(async () => {
  await platform?.close();
});

/** Resolves once one of the RMC's connections is inside a consumer transaction (its handlers' or inbox statements). */
async function consumerTransactionOpen(deadlineMs: number): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    const [row] = await sql<{ n: string }>(
      platform.rmcPostgres.url('postgres'),
      `SELECT count(*) AS n FROM pg_stat_activity
        WHERE datname = 'rmc' AND xact_start IS NOT NULL AND pid <> pg_backend_pid()
          AND (query ILIKE '%inbox%' OR query ILIKE '%taak%' OR query ILIKE '%timer%' OR query ILIKE '%estafette.subject%')`,
    );
    if (Number(row!.n) > 0) return true;
  }
  return false;
}

test('an RMC killed with SIGKILL in the middle of a batch and restarted has every event applied exactly once', async () => {
  // A backlog first, so the restarted RMC fetches full batches and is killed inside one.
  await platform.rmc.stop();
  const load = new SchoolLoad(platform.school.url, await schoolToken(platform), { run: 'mid-batch', total: TOTAL, concurrency: 4 });
  await load.done;
  expect(load.outcomes.filter((o) => o.status !== 201)).toEqual([]);
  const accepted = load.accepted;

  // One young person's turn held here (each consumer transaction takes its subjects' turns first): the batch holding
  // their uitschrijving waits inside its transaction while the other partitions' batches commit, so the kill lands in
  // the middle of a batch however fast the consumer applies the rest.
  const [last] = await sql<{ subject: string }>(
    platform.postgres.url('school'),
    'SELECT pseudonymous_reference AS subject FROM uitschrijving WHERE id = $1',
    [accepted.at(-1)!.id],
  );
  const holder = new pg.Client({ connectionString: platform.rmcPostgres.url('rmc') });
  await holder.connect();
  await holder.query(`SELECT pg_advisory_lock(${youngPersonsTurnKey('$1::text')})`, [last!.subject]);
  await platform.rmc.start();
  expect(await consumerTransactionOpen(60_000)).toBe(true);
  await platform.rmc.kill9();
  await holder.end(); // lets the killed RMC's transaction go on, to find its client gone: it never commits
  const atKill = await storeCounts(platform);
  // Killed mid-stream: part of the backlog committed, the rest (and the batch in flight) not.
  expect(atKill.rmcInboxUitschrijving).toBeLessThan(TOTAL);

  await platform.rmc.start();
  const counts = await settle(platform, accepted.length);
  expect(counts).toEqual(expectedCounts(accepted.length));
  expect(await taakUitschrijvingIds(platform)).toEqual(accepted.map((o) => o.id!).sort());
  // Applied in batches: tasks share transactions (xmin), far fewer transactions than tasks.
  const [batches] = await sql<{ tx: string; n: string }>(
    platform.rmcPostgres.url('rmc'),
    'SELECT count(DISTINCT xmin::text) AS tx, count(*) AS n FROM taak',
  );
  expect(Number(batches!.tx)).toBeLessThan(Number(batches!.n));
  expect(Object.values(await deadLetterCounts(platform)).reduce((a, b) => a + b, 0)).toBe(0);
});
