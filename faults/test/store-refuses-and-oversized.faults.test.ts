// The RMC's database switched read-only for 20 seconds under load (it answers SELECT 1, refuses every write): nothing
// is dead-lettered, /health says why, and the RMC catches up. A poison record just under the broker's size limit, whose
// dead-letter copy would be over it: dead-lettered as a reference, and the partition flows on.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { uitschrijvingRegistered, type CloudEvent } from '@estafette/contracts';
import { createKafka, EventPublisher, headersAsStrings, toKafkaMessage, topicName } from '@estafette/messaging';
import { sql } from '@estafette/testing';
import { randomUUID } from 'node:crypto';
import { deadLetterCounts, startFaultPlatform, type FaultPlatform } from '../src/harness.js';
import { expectedCounts, schoolToken, SchoolLoad, settle, taakUitschrijvingIds } from '../src/load.js';

const READ_ONLY_MS = 20_000;
/** Kafka's default message.max.bytes (1 MiB plus the batch overhead). */
const BROKER_LIMIT = 1_048_588;
let platform: FaultPlatform;
let publisher: EventPublisher | undefined;

beforeAll(async () => {
  platform = await startFaultPlatform('read-only');
});

afterAll(async () => {
  await publisher?.disconnect();
  await platform?.close();
});

/** Sets the RMC database's default for new sessions and closes the RMC's current ones, so its pool reconnects with it. */
async function rmcDatabaseReadOnly(on: boolean): Promise<void> {
  const admin = platform.postgres.url('postgres');
  await sql(admin, `ALTER DATABASE rmc ${on ? 'SET default_transaction_read_only = on' : 'RESET default_transaction_read_only'}`);
  await sql(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'rmc' AND pid <> pg_backend_pid()");
}

async function rmcHealth(): Promise<{ status: number; body: { checks?: Record<string, { status: string; reason?: string }> } }> {
  const res = await fetch(`${platform.rmc.url}/health`);
  return { status: res.status, body: (await res.json()) as never };
}

test('a read-only database under load dead-letters nothing: the RMC reports it unhealthy, waits, and catches up', async () => {
  const load = new SchoolLoad(platform.school.url, await schoolToken(platform), {
    run: 'readonly',
    total: 300,
    concurrency: 3,
    pauseMs: 20,
  });
  await load.answered(80);
  await rmcDatabaseReadOnly(true);
  const since = Date.now();
  load.phase = 'read-only';
  // The database still answers SELECT 1; the consumer's writes are refused, and /health names the consumer.
  let unhealthy: Awaited<ReturnType<typeof rmcHealth>> | undefined;
  while (Date.now() - since < READ_ONLY_MS) {
    const health = await rmcHealth().catch(() => undefined);
    // The last one seen: the first may still name the terminated connection, which is also not the event's fault.
    if (health?.status === 503 && health.body.checks?.consumer?.status === 'down') unhealthy = health;
    await new Promise((r) => setTimeout(r, 500));
  }
  await rmcDatabaseReadOnly(false);
  load.phase = 'after';
  await load.done;

  expect(unhealthy?.body.checks?.database?.status).toBe('up');
  expect(unhealthy?.body.checks?.consumer?.reason).toMatch(/read-only/);
  const accepted = load.accepted;
  expect(load.outcomes.filter((o) => o.status !== 201)).toEqual([]);
  expect(accepted.filter((o) => o.phase === 'read-only').length).toBeGreaterThanOrEqual(50);
  const counts = await settle(platform, accepted.length, 180_000);
  expect(counts).toEqual(expectedCounts(accepted.length));
  expect(await taakUitschrijvingIds(platform)).toEqual(accepted.map((o) => o.id!).sort());
  expect(Object.values(await deadLetterCounts(platform)).reduce((a, b) => a + b, 0)).toBe(0);
  await platform.rmc.waitHealthy(60_000);
  expect((await rmcHealth()).status).toBe(200);
});

test('a poison record just under the size limit is dead-lettered as a reference and the partition flows on', async () => {
  const kafka = createKafka({ brokers: platform.kafka.brokers, clientId: 'faults-oversized', sasl: platform.principals.ops });
  publisher = new EventPublisher(kafka, platform.prefix);
  const topic = topicName(platform.prefix, uitschrijvingRegistered.topic);
  const [published] = await sql<{ event: CloudEvent }>(
    platform.postgres.url('school'),
    'SELECT event FROM outbox WHERE published_at IS NOT NULL ORDER BY position LIMIT 1',
  );
  const template = toKafkaMessage({ ...published!.event, id: randomUUID() });
  // The largest value the broker takes for this record (the dead-letter headers then no longer fit): found by trying.
  let poisonId = '';
  for (let size = BROKER_LIMIT - 300; size > BROKER_LIMIT - 3_000; size -= 100) {
    const id = randomUUID();
    const sent = await publisher
      .send([{ topic, messages: [{ ...template, headers: { ...template.headers, ce_id: id }, value: `{${'x'.repeat(size)}` }] }])
      .then(() => true)
      .catch(() => false);
    if (sent) {
      poisonId = id;
      break;
    }
  }
  expect(poisonId).not.toBe('');
  // Behind it on the same partition: the same young person's event again, byte for byte (one effect, no new task).
  await publisher.send([{ topic, messages: [toKafkaMessage(published!.event)] }]);
  const load = new SchoolLoad(platform.school.url, await schoolToken(platform), {
    run: 'oversized',
    total: 60,
    concurrency: 3,
    pauseMs: 20,
  });
  await load.done;

  const letters: Record<string, string>[] = [];
  const consumer = kafka.consumer({ groupId: `${platform.prefix}faults-oversized-reader` });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: `${topic}.dlq`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void letters.push(headersAsStrings(message.headers)) });
    const deadline = Date.now() + 60_000;
    while (!letters.some((h) => h.ce_id === poisonId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  } finally {
    await consumer.disconnect();
  }
  const letter = letters.find((h) => h.ce_id === poisonId);
  expect(letter?.dlq_reason).toMatch(/not JSON/);
  expect(letter?.dlq_value_omitted).toMatch(/^\d+ bytes: too large to copy; read it at /);
  expect(letter?.dlq_value_sha256).toMatch(/^[0-9a-f]{64}$/);
  const all = (await sql<{ n: string }>(platform.postgres.url('school'), 'SELECT count(*) AS n FROM uitschrijving'))[0]!.n;
  const counts = await settle(platform, Number(all), 120_000);
  expect(counts).toEqual(expectedCounts(Number(all)));
});
