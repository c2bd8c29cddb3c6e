// A duplicate event (the same CloudEvent twice on the topic) and poison events (schema-invalid, and
// not JSON at all) in the middle of the stream: one effect, the poison on the .dlq topic with a reason,
// and the events behind it processed.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { uitschrijvingRegistered, type CloudEvent } from '@estafette/contracts';
import { createKafka, EventPublisher, headersAsStrings, toKafkaMessage, topicName } from '@estafette/messaging';
import { sql } from '@estafette/testing';
import { randomUUID } from 'node:crypto';
import { deadLetterCounts, startFaultPlatform, type FaultPlatform } from '../src/harness.js';
import { expectedCounts, schoolToken, SchoolLoad, settle, taakUitschrijvingIds } from '../src/load.js';

const TOTAL = 300;
let platform: FaultPlatform;
let publisher: EventPublisher | undefined;

beforeAll(async () => {
  platform = await startFaultPlatform('poison');
});

afterAll(async () => {
  await publisher?.disconnect();
  await platform?.close();
});

test('a duplicated event has one effect; poison goes to the DLQ with its reason and the stream behind it flows on', async () => {
  const kafka = createKafka({ brokers: platform.kafka.brokers, clientId: 'faults-poison', sasl: platform.principals.ops });
  publisher = new EventPublisher(kafka, platform.prefix);
  const topic = topicName(platform.prefix, uitschrijvingRegistered.topic);
  const load = new SchoolLoad(platform.school.url, await schoolToken(platform), {
    run: 'poison',
    total: TOTAL,
    concurrency: 3,
    pauseMs: 20,
  });

  await load.answered(100);
  // The same CloudEvent again, byte for byte as the school's relay sent it (taken from its outbox once published).
  const published = await sql<{ event: CloudEvent }>(
    platform.postgres.url('school'),
    'SELECT event FROM outbox WHERE published_at IS NOT NULL ORDER BY position LIMIT 1',
  );
  expect(published).toHaveLength(1);
  const original = published[0]!.event;
  await publisher.send([{ topic, messages: [toKafkaMessage(original), toKafkaMessage(original)] }]);

  // Poison on the same key (so on the same partition as that young person's later events).
  const schemaInvalid = {
    ...original,
    id: randomUUID(),
    data: { ...(original.data as object), uitschrijvingId: 'not-a-uuid', ageAtDeregistration: 'old' },
  };
  const unparseable = { ...toKafkaMessage({ ...original, id: randomUUID() }), value: '{"this is": not json' };
  await publisher.send([{ topic, messages: [toKafkaMessage(schemaInvalid as CloudEvent), unparseable] }]);
  await load.done;

  const accepted = load.accepted;
  expect(load.outcomes.filter((o) => o.status !== 201)).toEqual([]);
  expect(accepted).toHaveLength(TOTAL);

  const counts = await settle(platform, accepted.length);
  // One of everything per accepted uitschrijving: the duplicate added nothing, the poison nothing.
  expect(counts).toEqual(expectedCounts(accepted.length));
  expect(await taakUitschrijvingIds(platform)).toEqual(accepted.map((o) => o.id!).sort());
  const dlq = await deadLetterCounts(platform);
  expect(dlq).toEqual(expect.objectContaining({ [`${uitschrijvingRegistered.topic}.dlq`]: 2 }));
  expect(Object.values(dlq).reduce((a, b) => a + b, 0)).toBe(2);

  // The dead letters carry the original record and why it failed.
  const consumer = kafka.consumer({ groupId: `${platform.prefix}faults-dlq-reader` });
  const letters: Record<string, string>[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: `${topic}.dlq`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void letters.push(headersAsStrings(message.headers)) });
    const deadline = Date.now() + 60_000;
    while (letters.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  } finally {
    await consumer.disconnect();
  }
  const byId = Object.fromEntries(letters.map((h) => [h.ce_id, h]));
  expect(byId[schemaInvalid.id]?.dlq_reason).toMatch(/invalid event/);
  expect(byId[unparseable.headers.ce_id!]?.dlq_reason).toMatch(/json/i);
  expect(letters.every((h) => h.dlq_original_topic === topic)).toBe(true);
  await platform.rmc.waitHealthy(10_000);
});

test('a burst of malformed requests is answered 400 with a reason, and the school keeps serving', async () => {
  const token = await schoolToken(platform);
  const good = {
    schoolReference: 'MALFORMED-OK',
    studentNumber: '1',
    bsn: '111222333',
    birthDate: '2008-03-14',
    deregistrationDate: new Date().toISOString().slice(0, 10),
    schoolType: 'mbo',
    schoolLevel: 'mbo-2',
    highestDiploma: 'vmbo-kb',
    reason: 'zonder-vervolg',
    exitInterviewHeld: true,
    municipalityOfResidence: 'GM0363',
  };
  const bodies: string[] = [
    '{"schoolReference": ',
    'not json at all',
    '[]',
    '{}',
    JSON.stringify({ ...good, bsn: '123456789' }),
    JSON.stringify({ ...good, birthDate: 'yesterday' }),
    JSON.stringify({ ...good, exitInterviewHeld: 'ja' }),
    JSON.stringify({ ...good, municipalityOfResidence: 42 }),
    JSON.stringify({ ...good, schoolType: 'kleuterschool' }),
  ];
  const burst = Array.from({ length: 10 }, () => bodies).flat();
  const answers = await Promise.all(
    burst.map(async (body) => {
      const res = await fetch(`${platform.school.url}/uitschrijvingen`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      return { status: res.status, body: (await res.json()) as { message?: unknown } };
    }),
  );
  expect(answers.filter((a) => a.status !== 400)).toEqual([]);
  expect(answers.every((a) => typeof a.body.message === 'string' && a.body.message.length > 0)).toBe(true);
  // Nothing of it was stored, and the service still takes a valid one.
  const before = await sql<{ n: string }>(platform.postgres.url('school'), 'SELECT count(*) AS n FROM uitschrijving');
  const ok = await fetch(`${platform.school.url}/uitschrijvingen`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(good),
  });
  expect(ok.status).toBe(201);
  const after = await sql<{ n: string }>(platform.postgres.url('school'), 'SELECT count(*) AS n FROM uitschrijving');
  expect(Number(after[0]!.n)).toBe(Number(before[0]!.n) + 1);
  expect(Number(before[0]!.n)).toBe(TOTAL);
  expect(platform.school.running).toBe(true);
});
