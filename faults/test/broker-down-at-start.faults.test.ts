// Start the school and the RMC while the broker is down: both come up and say so on /health instead of exiting, the
// school accepts uitschrijvingen into its outbox, and once the broker is there each one reaches the RMC once.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { deadLetterCounts, startFaultPlatform, type FaultPlatform } from '../src/harness.js';
import { expectedCounts, schoolToken, settle, taakUitschrijvingIds, uitschrijvingBody } from '../src/load.js';

const ACCEPTED_WHILE_DOWN = 5;
let platform: FaultPlatform;

beforeAll(async () => {
  platform = await startFaultPlatform('broker-down-at-start');
});

afterAll(async () => {
  await platform?.close();
});

interface Health {
  status: string;
  checks: Record<string, { status: string; reason?: string }>;
}

/** The first answer of /health once the process listens (it answers while unhealthy); fails if the process exits. */
async function firstHealthAnswer(service: FaultPlatform['school'], timeoutMs: number): Promise<{ status: number; body: Health }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!service.running) throw new Error('the service exited');
    const res = await fetch(`${service.url}/health`).catch(() => undefined);
    if (res) return { status: res.status, body: (await res.json()) as Health };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${service.url}/health within ${timeoutMs} ms`);
}

test('services started without a broker come up unhealthy, accept work, and deliver it once the broker is there', async () => {
  await Promise.all([platform.school.stop(), platform.rmc.stop()]);
  await platform.kafka.stop();
  // start() resolves once healthy, which needs the broker: it is awaited after the broker is back.
  const healthy = Promise.all([platform.school.start(300_000), platform.rmc.start(300_000)]);
  healthy.catch(() => {});

  for (const service of [platform.school, platform.rmc]) {
    const health = await firstHealthAnswer(service, 120_000);
    expect(health.status).toBe(503);
    expect(health.body.checks.kafka?.status).toBe('down');
    expect(health.body.checks.database?.status).toBe('up');
  }
  // The RMC consumes uitschrijvingen: its consumer has not joined a group while the broker is away, and says so.
  const rmcHealth = await firstHealthAnswer(platform.rmc, 10_000);
  expect(rmcHealth.body.checks.consumer).toEqual({ status: 'down', reason: expect.stringContaining('has not joined') });
  const token = await schoolToken(platform);
  const accepted: string[] = [];
  for (let i = 1; i <= ACCEPTED_WHILE_DOWN; i++) {
    const res = await fetch(`${platform.school.url}/uitschrijvingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(uitschrijvingBody('broker-down-at-start', i)),
    });
    expect(res.status).toBe(201);
    accepted.push(((await res.json()) as { id: string }).id);
  }
  // Some seconds with the broker still down: the relay's and the consumer's failed tries must not end either process.
  await new Promise((r) => setTimeout(r, 15_000));
  expect([platform.school.running, platform.rmc.running]).toEqual([true, true]);

  await platform.kafka.start();
  await healthy;
  const counts = await settle(platform, ACCEPTED_WHILE_DOWN, 180_000);
  expect(counts).toEqual(expectedCounts(ACCEPTED_WHILE_DOWN));
  expect(await taakUitschrijvingIds(platform)).toEqual(accepted.sort());
  expect(Object.values(await deadLetterCounts(platform)).reduce((a, b) => a + b, 0)).toBe(0);
  // Healthy again means joined again: the consumer check passes with the broker back.
  const after = await firstHealthAnswer(platform.rmc, 10_000);
  expect([after.status, after.body.checks.consumer?.status]).toEqual([200, 'up']);
}, 600_000);
