import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { logLevel } from 'kafkajs';
import type { DestinationStream } from 'pino';
import { createEvent, uitschrijvingRegistered } from '@estafette/contracts';
import { createKafka, EventConsumer, EventPublisher, messagingEntities, messagingMigrations } from '@estafette/messaging';
import { createTestDatabase, provisionTestTopics, uniqueTopicPrefix, type TestDatabase, kafkaAccess } from '@estafette/testing';
import { createJsonLogger, JsonNestLogger, jsonMessagingLog } from '../src/index.js';

describe('JSON logs carry the CloudEvents id and traceparent of the event being handled', () => {
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ ...kafkaAccess(), clientId: 'json-logs-test', logLevel: logLevel.NOTHING });
  const publisher = new EventPublisher(kafka, prefix);
  const lines: Record<string, unknown>[] = [];
  const capture: DestinationStream = { write: (line: string) => void lines.push(JSON.parse(line)) };
  const logger = createJsonLogger('logtest', capture);
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('jsonlogs');
    dataSource = await new DataSource({
      type: 'postgres',
      url: db.ownerUrl, // migrates its own tables
      entities: [...messagingEntities],
      migrations: [...messagingMigrations],
      migrationsRun: true,
      logging: false,
    }).initialize();
  });

  afterAll(async () => {
    await publisher.disconnect();
    await dataSource?.destroy();
    await db?.drop();
  });

  test("the handler's own log line and the consumer's retry warning name the event; a line outside handling does not", async () => {
    const nest = new JsonNestLogger(logger);
    let attempts = 0;
    const consumer = new EventConsumer({
      kafka,
      groupId: `${prefix}logtest`,
      topicPrefix: prefix,
      dataSource,
      log: jsonMessagingLog(logger),
      retry: { attempts: 3, initialBackoffMs: 10 },
      handlers: {
        [uitschrijvingRegistered.type]: async () => {
          await new Promise((r) => setTimeout(r, 5)); // the context survives awaits inside the handler
          nest.log('handling uitschrijving', 'UitschrijvingHandler');
          if (++attempts === 1) throw new Error('transient');
        },
      },
    });
    const event = createEvent(uitschrijvingRegistered, {
      ...uitschrijvingRegistered.example,
      id: randomUUID(),
      data: { ...uitschrijvingRegistered.example.data, uitschrijvingId: randomUUID() },
    });
    expect(event.traceparent).toMatch(/^00-/);
    await consumer.start();
    try {
      await publisher.publish(event);
      const deadline = Date.now() + 30_000;
      while (consumer.stats.processed < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(consumer.stats.processed).toBe(1);
    } finally {
      await consumer.stop();
    }
    nest.log('after handling', 'Somewhere');

    const own = lines.filter((l) => l.msg === 'handling uitschrijving');
    expect(own).toHaveLength(2);
    for (const line of own) {
      expect(line).toMatchObject({
        level: 'info',
        service: 'logtest',
        context: 'UitschrijvingHandler',
        eventId: event.id,
        eventType: event.type,
        traceparent: event.traceparent,
      });
    }
    expect(lines.find((l) => String(l.msg).includes('failed (attempt 1)'))).toMatchObject({
      level: 'warn',
      context: 'messaging',
      eventId: event.id,
      traceparent: event.traceparent,
    });
    const outside = lines.find((l) => l.msg === 'after handling');
    expect(outside).toMatchObject({ service: 'logtest', context: 'Somewhere' });
    expect(outside).not.toHaveProperty('eventId');
    expect(typeof lines[0]!.time).toBe('string');
  });

  test('a database error is logged without the values the request sent (a note stays out of the log); its code stays', async () => {
    const secret = 'De jongere vertelde over zijn schulden';
    const error = await dataSource.query('SELECT $1::text AS t', [`${secret}\u0000`]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    lines.length = 0;
    new JsonNestLogger(logger).error(error, 'ExceptionsHandler');
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0])).not.toContain(secret);
    expect(lines[0]).toMatchObject({ level: 'error', err: { code: '22021' } });
  });
});
