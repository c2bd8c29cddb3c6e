import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { logLevel, type Producer } from 'kafkajs';
import { topicFor } from '@estafette/contracts';
import { createKafka, EventConsumer, RefusedEventError, silentLog, toKafkaMessage, topicName, type EventHandler } from '../src/index.js';
import {
  createTestBed,
  eventually,
  header,
  overdrachtAccept,
  overdrachtOffer,
  subjects,
  TopicReader,
  uitschrijving,
  type TestBed,
} from './support.js';

let bed: TestBed;
let producer: Producer;
let deadLetters: TopicReader;
const consumers: EventConsumer[] = [];
let uitschrijvingTopic: string;
let overdrachtTopic: string;

/** The handler's effect: one row per processing, so a second effect would show as a second row. */
const recordEffect =
  (group: string): EventHandler =>
  async (event, manager) => {
    await manager.query(`INSERT INTO effects (event_id, subject, consumer_group) VALUES ($1, $2, $3)`, [event.id, event.subject, group]);
  };

function consumer(groupId: string, handlers: Record<string, EventHandler>, retry = { attempts: 3, initialBackoffMs: 20 }): EventConsumer {
  const created = new EventConsumer({
    kafka: bed.kafka,
    groupId,
    topicPrefix: bed.prefix,
    dataSource: bed.dataSource,
    handlers,
    retry,
    log: silentLog,
  });
  consumers.push(created);
  return created;
}

async function send(topic: string, ...messages: { key: string; value: string; headers: Record<string, string> }[]) {
  await producer.send({ topic, messages });
}

async function effects(group: string, eventId: string): Promise<number> {
  const [row] = await bed.dataSource.query(`SELECT count(*)::int AS n FROM effects WHERE consumer_group = $1 AND event_id = $2`, [
    group,
    eventId,
  ]);
  return row.n;
}

beforeAll(async () => {
  bed = await createTestBed('consumer');
  uitschrijvingTopic = topicName(bed.prefix, topicFor(uitschrijving().type).name);
  overdrachtTopic = topicName(bed.prefix, topicFor(overdrachtOffer().type).name);
  producer = bed.kafka.producer();
  await producer.connect();
  deadLetters = await new TopicReader(bed.kafka, [`${uitschrijvingTopic}.dlq`, `${overdrachtTopic}.dlq`]).start();
});

afterAll(async () => {
  for (const created of consumers) await created.stop();
  await producer?.disconnect();
  await deadLetters?.stop();
  await bed?.close();
});

const deadLettered = (eventIdOrKey: string) =>
  deadLetters.messages.filter((m) => header(m, 'ce_id') === eventIdOrKey || m.key?.toString() === eventIdOrKey);

describe('EventConsumer', () => {
  it('has the effect of an event delivered twice only once', async () => {
    const group = `dup-${randomUUID()}`;
    const runner = consumer(group, { [uitschrijving().type]: recordEffect(group) });
    const event = uitschrijving(subjects[0]);
    await send(uitschrijvingTopic, toKafkaMessage(event), toKafkaMessage(event));
    await runner.start();
    await send(uitschrijvingTopic, toKafkaMessage(event)); // and a redelivery after it was processed
    await eventually(
      () => runner.stats.processed + runner.stats.duplicates,
      (n) => n >= 3,
    );
    expect(await effects(group, event.id)).toBe(1);
    expect(runner.stats).toMatchObject({ processed: 1, duplicates: 2, deadLettered: 0 });
  });

  it('dead-letters an invalid, an undecodable and an always-failing event, and processes what follows them', async () => {
    const group = `poison-${randomUUID()}`;
    const alwaysFails: EventHandler = async (event, manager) => {
      if ((event.data as { reason: string }).reason === 'anders') throw new Error('cannot route reason anders');
      await recordEffect(group)(event, manager);
    };
    const runner = consumer(group, { [uitschrijving().type]: alwaysFails });
    // All on one key, so one partition: the good event sits behind the three bad ones.
    const key = subjects[1];
    const invalid = uitschrijving(key);
    const invalidMessage = toKafkaMessage({ ...invalid, data: { ...(invalid.data as object), reason: 'no-such-reason' } });
    const undecodable = {
      key,
      value: '{not json',
      headers: { ...toKafkaMessage(uitschrijving(key)).headers, ce_id: `undecodable-${randomUUID()}` },
    };
    const poison = uitschrijving(key, { reason: 'anders' });
    const good = uitschrijving(key);
    await send(uitschrijvingTopic, invalidMessage, undecodable, toKafkaMessage(poison), toKafkaMessage(good));
    await runner.start();

    await eventually(
      () => effects(group, good.id),
      (n) => n === 1,
    );
    await eventually(
      () => runner.stats.deadLettered,
      (n) => n >= 3,
    );
    const [invalidDead] = await eventually(
      () => deadLettered(invalid.id).filter((m) => header(m, 'dlq_consumer_group') === group),
      (l) => l.length === 1,
    );
    expect(header(invalidDead, 'dlq_reason')).toMatch(/^invalid event: .*reason/);
    expect(header(invalidDead, 'dlq_original_topic')).toBe(uitschrijvingTopic);
    expect(header(invalidDead, 'ce_type')).toBe(invalid.type);
    expect(invalidDead.key?.toString()).toBe(key);
    expect(invalidDead.value?.toString()).toBe(invalidMessage.value);
    expect(Number(header(invalidDead, 'dlq_original_offset'))).toBeGreaterThanOrEqual(0);
    expect(header(invalidDead, 'dlq_original_partition')).toMatch(/^\d+$/);
    expect(Date.parse(header(invalidDead, 'dlq_failed_at')!)).not.toBeNaN();

    const [undecodableDead] = await eventually(
      () => deadLettered(undecodable.headers.ce_id).filter((m) => header(m, 'dlq_consumer_group') === group),
      (l) => l.length === 1,
    );
    expect(header(undecodableDead, 'dlq_reason')).toMatch(/not JSON/);

    const [poisonDead] = await eventually(
      () => deadLettered(poison.id).filter((m) => header(m, 'dlq_consumer_group') === group),
      (l) => l.length === 1,
    );
    expect(header(poisonDead, 'dlq_reason')).toBe('handler failed after 3 attempts: cannot route reason anders');
    expect(runner.stats.retries).toBeGreaterThanOrEqual(2); // the invalid ones were not retried, the poison one was
    expect(await effects(group, poison.id)).toBe(0);
  });

  it('dead-letters an event its handler refuses (RefusedEventError) at once, with the reason, without retrying or keeping its effects', async () => {
    const group = `refused-${randomUUID()}`;
    const refusing: EventHandler = async (event, manager) => {
      await recordEffect(group)(event, manager);
      if ((event.data as { reason: string }).reason === 'anders') throw new RefusedEventError('dataref refused: not the configured origin');
    };
    const runner = consumer(group, { [uitschrijving().type]: refusing }, { attempts: 5, initialBackoffMs: 10_000 });
    const key = 'pr_0000000000000000000000000D';
    const refused = uitschrijving(key, { reason: 'anders' });
    const good = uitschrijving(key);
    await send(uitschrijvingTopic, toKafkaMessage(refused), toKafkaMessage(good));
    await runner.start();

    // Same partition: the good event behind it is handled once the refused one is dead-lettered.
    await eventually(
      () => effects(group, good.id),
      (n) => n === 1,
    );
    const [dead] = await eventually(
      () => deadLettered(refused.id).filter((m) => header(m, 'dlq_consumer_group') === group),
      (l) => l.length === 1,
    );
    expect(header(dead, 'dlq_reason')).toBe('dataref refused: not the configured origin');
    expect(runner.stats.retries).toBe(0);
    expect(await effects(group, refused.id)).toBe(0);
  });

  it('skips event types it has no handler for (they belong to other consumers), without dead-lettering', async () => {
    const group = `skip-${randomUUID()}`;
    const runner = consumer(group, { [overdrachtOffer().type]: recordEffect(group) });
    const notMine = overdrachtAccept(subjects[2]);
    const mine = overdrachtOffer(subjects[2]);
    await send(overdrachtTopic, toKafkaMessage(notMine), toKafkaMessage(mine));
    await runner.start();
    await eventually(
      () => effects(group, mine.id),
      (n) => n === 1,
    );
    expect(runner.stats.skippedUnknownType).toBeGreaterThanOrEqual(1);
    expect(await effects(group, notMine.id)).toBe(0);
    expect(deadLettered(notMine.id)).toHaveLength(0);
  });

  it('commits on stop: a restarted member of the group does not see processed events again', async () => {
    const group = `restart-${randomUUID()}`;
    const type = uitschrijving().type;
    const first = consumer(group, { [type]: recordEffect(group) });
    const before = uitschrijving(subjects[0]);
    await send(uitschrijvingTopic, toKafkaMessage(before));
    await first.start();
    await eventually(
      () => effects(group, before.id),
      (n) => n === 1,
    );
    await first.stop();

    const second = consumer(group, { [type]: recordEffect(group) });
    const after = uitschrijving(subjects[0]);
    await send(uitschrijvingTopic, toKafkaMessage(after));
    await second.start();
    await eventually(
      () => effects(group, after.id),
      (n) => n === 1,
    );
    expect(second.stats.duplicates).toBe(0); // nothing before `after` was redelivered
  });

  it('on stop during retries, leaves the event for redelivery instead of losing or dead-lettering it', async () => {
    const group = `shutdown-${randomUUID()}`;
    const type = uitschrijving().type;
    let calls = 0;
    const alwaysFailing: EventHandler = async () => {
      calls++;
      throw new Error('downstream says no');
    };
    const failing = consumer(group, { [type]: alwaysFailing }, { attempts: 5, initialBackoffMs: 10_000 });
    const event = uitschrijving(subjects[1]);
    await send(uitschrijvingTopic, toKafkaMessage(event));
    await failing.start();
    await eventually(
      () => calls,
      (n) => n >= 1,
    );
    const stoppedAt = Date.now();
    await failing.stop();
    expect(Date.now() - stoppedAt).toBeLessThan(8_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(deadLettered(event.id)).toHaveLength(0);

    const healthy = consumer(group, { [type]: recordEffect(group) });
    await healthy.start();
    await eventually(
      () => effects(group, event.id),
      (n) => n === 1,
    );
  });
});

describe('a broker that does not answer', () => {
  // A port nothing listens on: every connect is refused at once, and two quick retries keep the test short.
  const unreachable = createKafka({
    brokers: '127.0.0.1:1',
    clientId: 'nobody-there',
    sasl: null,
    logLevel: logLevel.NOTHING,
    extra: { retry: { retries: 1, initialRetryTime: 20 }, connectionTimeout: 200 },
  });
  const without = (log = silentLog) =>
    new EventConsumer({
      kafka: unreachable,
      groupId: `unreachable-${randomUUID()}`,
      topicPrefix: bed.prefix,
      dataSource: bed.dataSource,
      handlers: { [uitschrijving().type]: async () => {} },
      log,
    });

  it('start() rejects; startOrKeepTrying() resolves unjoined, tries again every second, and stops trying on stop()', async () => {
    await expect(without().start()).rejects.toThrow();

    const failedTries: string[] = [];
    const keepsTrying = without({ ...silentLog, error: (m) => failedTries.push(m) });
    await keepsTrying.startOrKeepTrying();
    expect(keepsTrying.joined).toBe(false);
    await eventually(
      () => failedTries.filter((m) => m.startsWith('rejoining')).length,
      (n) => n >= 2,
    );
    await keepsTrying.stop();
    const triesAtStop = failedTries.length;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(failedTries.length).toBe(triesAtStop);
    expect(keepsTrying.joined).toBe(false);
  });

  it('joined is true once the group is joined, and false again after stop()', async () => {
    const reachable = consumer(`joins-${randomUUID()}`, { [uitschrijving().type]: async () => {} });
    expect(reachable.joined).toBe(false);
    await reachable.start();
    await eventually(() => reachable.joined);
    await reachable.stop();
    expect(reachable.joined).toBe(false);
  });
});
