import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Producer } from 'kafkajs';
import type { CloudEvent } from '@estafette/contracts';
import { topicFor } from '@estafette/contracts';
import {
  EventConsumer,
  RefusedEventError,
  silentLog,
  toKafkaMessage,
  topicName,
  type EventBatchHandler,
  type EventConsumerOptions,
  type EventHandler,
} from '../src/index.js';
import { createTestBed, eventually, header, TopicReader, uitschrijving, type TestBed } from './support.js';

// Batch consumption: events fetched together are applied in one transaction; a failing one is isolated without
// losing, doubling or reordering the others. Each test sends its events in one produce on one key (one partition)
// before the consumer starts, so they arrive in one fetched batch. Each test has its own topics (a fresh group reads
// a topic from the beginning), so one test's events are not another's.

let bed: TestBed;
let producer: Producer;
let deadLetters: TopicReader;
let topic: string;
const consumers: EventConsumer[] = [];
const beds: { bed: TestBed; producer: Producer; deadLetters: TopicReader }[] = [];

async function freshTopics(label: string): Promise<void> {
  bed = await createTestBed(label);
  topic = topicName(bed.prefix, topicFor(uitschrijving().type).name);
  producer = bed.kafka.producer();
  await producer.connect();
  deadLetters = await new TopicReader(bed.kafka, [`${topic}.dlq`]).start();
  beds.push({ bed, producer, deadLetters });
}

/** Every handler call in order, with how it ended: the test's view of order across retries and rollbacks. */
type Call = { eventId: string; outcome: 'ok' | 'threw' };

function consumerWith(group: string, routing: Pick<EventConsumerOptions, 'handlers' | 'batchHandlers'>): EventConsumer {
  const created = new EventConsumer({
    kafka: bed.kafka,
    groupId: group,
    topicPrefix: bed.prefix,
    dataSource: bed.dataSource,
    ...routing,
    retry: { attempts: 3, initialBackoffMs: 20 },
    log: silentLog,
  });
  consumers.push(created);
  return created;
}

const consumer = (group: string, handler: EventHandler) => consumerWith(group, { handlers: { [uitschrijving().type]: handler } });

/** A consumer whose one type is handled in batches. */
const batchConsumer = (group: string, batchHandler: EventBatchHandler) =>
  consumerWith(group, { handlers: {}, batchHandlers: { [uitschrijving().type]: batchHandler } });

/** Records every call's events and their effects in one statement; refuses the whole call when it holds `refused`. */
function recordingBatches(group: string, calls: string[][], refused?: CloudEvent): EventBatchHandler {
  return async (events, manager) => {
    calls.push(events.map((event) => event.id));
    if (refused && events.some((event) => event.id === refused.id)) throw new RefusedEventError(`refused ${refused.id}`);
    await manager.query(
      `INSERT INTO effects (event_id, subject, consumer_group) SELECT id, subject, $3 FROM unnest($1::text[], $2::text[]) AS e(id, subject)`,
      [events.map((event) => event.id), events.map((event) => event.subject), group],
    );
  };
}

/** Events of several young persons on one partition, so one fetch brings them together. */
const onOnePartition = (events: CloudEvent[]) => events.map((event) => ({ ...toKafkaMessage(event), partition: 0 }));

/** Records the effect, failing (before any effect) for the events `fails` says; logs every call. */
function recording(group: string, calls: Call[], fails: (event: CloudEvent, callsSoFar: number) => boolean): EventHandler {
  return async (event, manager) => {
    const callsSoFar = calls.filter((call) => call.eventId === event.id).length;
    if (fails(event, callsSoFar)) {
      calls.push({ eventId: event.id, outcome: 'threw' });
      throw new Error(`cannot handle ${event.id}`);
    }
    await manager.query(`INSERT INTO effects (event_id, subject, consumer_group) VALUES ($1, $2, $3)`, [event.id, event.subject, group]);
    calls.push({ eventId: event.id, outcome: 'ok' });
  };
}

/** The group's effects in commit order, with the transaction each committed in. */
async function effects(group: string): Promise<{ event_id: string; xid: string }[]> {
  return bed.dataSource.query(`SELECT event_id, xmin::text AS xid FROM effects WHERE consumer_group = $1 ORDER BY id`, [group]);
}

function subject(): string {
  return `pr_${randomUUID().replace(/-/g, '').slice(0, 26).toUpperCase()}`;
}

afterEach(async () => {
  for (const created of consumers.splice(0)) await created.stop();
  for (const opened of beds.splice(0)) {
    await opened.producer.disconnect();
    await opened.deadLetters.stop();
    await opened.bed.close();
  }
});

describe('EventConsumer in batches', () => {
  it('with a poison event in the middle: the others once each and in order, the poison dead-lettered, nothing after it ahead of it', async () => {
    await freshTopics('batch-poison');
    const group = `batch-poison-${randomUUID()}`;
    const key = subject();
    const events = Array.from({ length: 6 }, () => uitschrijving(key));
    const poison = events[3];
    const calls: Call[] = [];
    const runner = consumer(
      group,
      recording(group, calls, (event) => event.id === poison.id),
    );
    await producer.send({ topic, messages: events.map(toKafkaMessage) });
    await runner.start();

    const good = events.filter((event) => event !== poison);
    const rows = await eventually(
      () => effects(group),
      (r) => r.length >= good.length,
    );
    await eventually(
      () => deadLetters.messages.filter((m) => header(m, 'ce_id') === poison.id && header(m, 'dlq_consumer_group') === group),
      (l) => l.length === 1,
    );
    expect(rows.map((row) => row.event_id)).toEqual(good.map((event) => event.id));
    // The events before the poison committed together, and so did those after it: one transaction each side.
    expect(new Set(rows.slice(0, 3).map((row) => row.xid)).size).toBe(1);
    expect(new Set(rows.slice(3).map((row) => row.xid)).size).toBe(1);
    expect(rows[0].xid).not.toBe(rows[3].xid);
    // Retried as often as a lone event would be, and no event after it ran before its last try.
    const poisonCalls = calls.flatMap((call, index) => (call.eventId === poison.id ? [index] : []));
    expect(poisonCalls).toHaveLength(3);
    const firstAfter = calls.findIndex((call) => call.eventId === events[4].id);
    expect(firstAfter).toBeGreaterThan(poisonCalls[poisonCalls.length - 1]);
    expect(runner.stats).toMatchObject({ processed: 5, deadLettered: 1, retries: 2 });
    const [inbox] = await bed.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE consumer_group = $1 AND event_id = $2`, [
      group,
      poison.id,
    ]);
    expect(inbox.n).toBe(0);
  });

  it('with redelivered duplicates in the batch and after it: each effect once, the duplicates counted', async () => {
    await freshTopics('batch-duplicates');
    const group = `batch-duplicates-${randomUUID()}`;
    const key = subject();
    const [a, b, c] = [uitschrijving(key), uitschrijving(key), uitschrijving(key)];
    const runner = consumer(
      group,
      recording(group, [], () => false),
    );
    await producer.send({ topic, messages: [a, b, a, c, b].map(toKafkaMessage) });
    await runner.start();
    await eventually(
      () => runner.stats.processed + runner.stats.duplicates,
      (n) => n >= 5,
    );
    await producer.send({ topic, messages: [c, a].map(toKafkaMessage) }); // redelivered once more, after commit
    await eventually(
      () => runner.stats.processed + runner.stats.duplicates,
      (n) => n >= 7,
    );
    const rows = await effects(group);
    expect(rows.map((row) => row.event_id)).toEqual([a.id, b.id, c.id]);
    expect(runner.stats).toMatchObject({ processed: 3, duplicates: 4, deadLettered: 0 });
  });

  it('with a handler failing once then succeeding: every event once, in order, nothing dead-lettered', async () => {
    await freshTopics('batch-flaky');
    const group = `batch-flaky-${randomUUID()}`;
    const key = subject();
    const events = Array.from({ length: 4 }, () => uitschrijving(key));
    const flaky = events[1];
    const calls: Call[] = [];
    const runner = consumer(
      group,
      recording(group, calls, (event, callsSoFar) => event.id === flaky.id && callsSoFar === 0),
    );
    await producer.send({ topic, messages: events.map(toKafkaMessage) });
    await runner.start();
    const rows = await eventually(
      () => effects(group),
      (r) => r.length >= events.length,
    );
    expect(rows.map((row) => row.event_id)).toEqual(events.map((event) => event.id));
    expect(calls.filter((call) => call.eventId === flaky.id).map((call) => call.outcome)).toEqual(['threw', 'ok']);
    expect(runner.stats).toMatchObject({ processed: 4, duplicates: 0, deadLettered: 0, retries: 1 });
  });

  it('a batch handler gets consecutive events in one call, cut where a young person comes back, all in one transaction', async () => {
    await freshTopics('batch-handler-runs');
    const group = `batch-handler-runs-${randomUUID()}`;
    const [one, two, three, four] = [subject(), subject(), subject(), subject()];
    const events = [uitschrijving(one), uitschrijving(two), uitschrijving(three), uitschrijving(one), uitschrijving(four)];
    const calls: string[][] = [];
    const runner = batchConsumer(group, recordingBatches(group, calls));
    await producer.send({ topic, messages: onOnePartition(events) });
    await runner.start();
    const rows = await eventually(
      () => effects(group),
      (r) => r.length >= events.length,
    );
    expect(rows.map((row) => row.event_id)).toEqual(events.map((event) => event.id));
    expect(calls).toEqual([events.slice(0, 3).map((event) => event.id), events.slice(3).map((event) => event.id)]);
    expect(new Set(rows.map((row) => row.xid)).size).toBe(1);
    // Counted once the commit is answered, a moment after its rows are visible.
    await eventually(
      () => runner.stats.processed,
      (n) => n >= 5,
    );
    expect(runner.stats).toMatchObject({ processed: 5, duplicates: 0, deadLettered: 0 });
  });

  it('a batch handler refusing its call: events alone up to the refused one, each innocent applied once, only it dead-lettered', async () => {
    await freshTopics('batch-handler-refused');
    const group = `batch-handler-refused-${randomUUID()}`;
    const events = Array.from({ length: 5 }, () => uitschrijving(subject()));
    const refused = events[2];
    const calls: string[][] = [];
    const runner = batchConsumer(group, recordingBatches(group, calls, refused));
    await producer.send({ topic, messages: onOnePartition(events) });
    await runner.start();
    // The events after the refused one commit after its dead letter was sent.
    const rows = await eventually(
      () => effects(group),
      (r) => r.length >= events.length - 1,
    );
    const dead = await eventually(
      () => deadLetters.messages.filter((m) => header(m, 'dlq_consumer_group') === group),
      (l) => l.length >= 1,
    );
    expect(dead.map((m) => header(m, 'ce_id'))).toEqual([refused.id]);
    expect(header(dead[0], 'dlq_reason')).toBe(`refused ${refused.id}`);
    const innocent = events.filter((event) => event !== refused);
    expect(rows.map((row) => row.event_id)).toEqual(innocent.map((event) => event.id));
    // The run once together (rolled back), then its events alone up to the refused one (the refusal named only its
    // own), then the rest together again.
    const ids = events.map((event) => event.id);
    expect(calls).toEqual([ids, [ids[0]], [ids[1]], [ids[2]], ids.slice(3)]);
    await eventually(
      () => runner.stats.processed,
      (n) => n >= 4,
    );
    expect(runner.stats).toMatchObject({ processed: 4, deadLettered: 1, retries: 0 });
  });
});
