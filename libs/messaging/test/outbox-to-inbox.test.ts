import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { EventConsumer, Outbox, OutboxRelay, silentLog } from '../src/index.js';
import { createTestBed, eventually, subjects, uitschrijving, type TestBed } from './support.js';

let bed: TestBed;
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  bed = await createTestBed('e2e');
});

afterAll(async () => {
  for (const r of running) await r.stop();
  await bed?.close();
});

it('a relay that dies after sending but before marking republishes; the consumer still has the effect once', async () => {
  const event = uitschrijving(subjects[0]);
  await bed.dataSource.transaction((manager) => Outbox.add(manager, event));

  const first = new OutboxRelay({ dataSource: bed.dataSource, kafka: bed.kafka, topicPrefix: bed.prefix, log: silentLog });
  running.push(first);
  expect(await first.publishPending()).toBe(1);
  // The crash: the send reached Kafka, the "published" mark never committed.
  await bed.dataSource.query(`UPDATE outbox SET published_at = NULL WHERE event_id = $1`, [event.id]);
  const second = new OutboxRelay({ dataSource: bed.dataSource, kafka: bed.kafka, topicPrefix: bed.prefix, log: silentLog });
  running.push(second);
  expect(await second.publishPending()).toBe(1);

  const group = `e2e-${randomUUID()}`;
  const consumer = new EventConsumer({
    kafka: bed.kafka,
    groupId: group,
    topicPrefix: bed.prefix,
    dataSource: bed.dataSource,
    log: silentLog,
    handlers: {
      [event.type]: async (received, manager) => {
        await manager.query(`INSERT INTO effects (event_id, subject, consumer_group) VALUES ($1, $2, $3)`, [
          received.id,
          received.subject,
          group,
        ]);
      },
    },
  });
  running.push(consumer);
  await consumer.start();
  await eventually(
    () => consumer.stats.processed + consumer.stats.duplicates,
    (n) => n >= 2,
  );
  expect(consumer.stats).toMatchObject({ processed: 1, duplicates: 1 });
  expect(await bed.dataSource.query(`SELECT count(*)::int AS n FROM effects WHERE event_id = $1`, [event.id])).toEqual([{ n: 1 }]);
});
