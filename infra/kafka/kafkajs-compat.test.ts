// Proves kafkajs 2.2.4 (the only client @nestjs/microservices speaks) works against the pinned
// broker: the features Nest's Kafka transport leans on, against a real JVM, no mocks.
import { describe, test, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel, Partitioners, type Consumer, type Admin } from 'kafkajs';
import { startKafka, type KafkaBroker } from './kafka-broker.js';
import { kafkaPrincipals } from '../platform/kafka-principals.js';
import { randomPlatformSecrets } from '../platform/service-environment.js';

const { admin: principal } = kafkaPrincipals(randomPlatformSecrets({}));

let broker: KafkaBroker;
let dataDir: string;
let kafka: Kafka;
let admin: Admin;
const openConsumers: Consumer[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'estafette-kafka-compat-'));
  broker = await startKafka({ dataDir, log: () => {}, admin: principal, users: [] });
  kafka = new Kafka({
    clientId: 'compat-test',
    brokers: broker.brokers,
    logLevel: logLevel.NOTHING,
    sasl: { mechanism: 'scram-sha-512', ...principal },
  });
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: 'compat.basic', numPartitions: 2 },
      { topic: 'compat.commits', numPartitions: 1 },
      { topic: 'compat.rebalance', numPartitions: 4 },
    ],
  });
}, 180_000);

afterAll(async () => {
  await Promise.all(openConsumers.map((c) => c.disconnect().catch(() => {})));
  await admin?.disconnect();
  await broker?.stop();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

async function produce(topic: string, values: string[], partitionOf?: (i: number) => number): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({
    topic,
    messages: values.map((value, i) => ({ key: value, value, partition: partitionOf?.(i) })),
  });
  await producer.disconnect();
}

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts a group member that appends every value it receives to `received`. */
async function startMember(groupId: string, topic: string, received: string[]) {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 });
  openConsumers.push(consumer);
  const assignment: { partitions: number[] } = { partitions: [] };
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    assignment.partitions = [...(e.payload.memberAssignment[topic] ?? [])].sort();
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      received.push(message.value!.toString());
    },
  });
  return { consumer, assignment };
}

async function committedEqualsEnd(groupId: string, topic: string): Promise<boolean> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const ends = await admin.fetchTopicOffsets(topic);
  return ends.every((end) => committed.partitions.find((p) => p.partition === end.partition)?.offset === end.high);
}

const range = (prefix: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${prefix}-${from + i}`);

describe(`kafkajs 2.2.4 against the pinned broker`, () => {
  test('produces and consumes through a consumer group', async () => {
    const sent = range('basic', 0, 20);
    await produce('compat.basic', sent);
    const received: string[] = [];
    const { consumer } = await startMember('compat-basic', 'compat.basic', received);
    // Every message arrives. A fresh broker can make kafkajs restart the member while the group
    // coordinator loads, redelivering uncommitted messages: at-least-once, which the inbox absorbs.
    await waitFor('20 messages in the group', () => new Set(received).size >= sent.length);
    expect([...new Set(received)].sort()).toEqual([...sent].sort());
    await consumer.disconnect();
  });

  test('committed offsets survive a consumer restart: no redelivery, resume at the next offset', async () => {
    const groupId = 'compat-commits';
    await produce('compat.commits', range('c', 0, 5));
    const firstRun: string[] = [];
    const first = await startMember(groupId, 'compat.commits', firstRun);
    await waitFor('first run consumed 5', () => firstRun.length >= 5);
    await first.consumer.disconnect(); // commits the consumed offsets on the way out
    expect(firstRun).toEqual(range('c', 0, 5));
    const [committed] = await admin.fetchOffsets({ groupId, topics: ['compat.commits'] });
    expect(committed.partitions).toEqual([{ partition: 0, offset: '5', metadata: null }]);

    await produce('compat.commits', range('c', 5, 10));
    const secondRun: string[] = [];
    // fromBeginning would replay c-0.. if the commit were lost
    const second = await startMember(groupId, 'compat.commits', secondRun);
    await waitFor('second run consumed 5', () => secondRun.length >= 5);
    await new Promise((r) => setTimeout(r, 500)); // a redelivered extra would show up here
    expect(secondRun).toEqual(range('c', 5, 10));
    await second.consumer.disconnect();
  });

  test('a second member joining splits the partitions; the group still consumes each message once', async () => {
    const groupId = 'compat-rebalance';
    const topic = 'compat.rebalance';
    const byFirst: string[] = [];
    const byFirstAlone = await startMember(groupId, topic, byFirst);
    await waitFor('first member owns all 4 partitions', () => byFirstAlone.assignment.partitions.length === 4);

    const before = range('r', 0, 40);
    await produce(topic, before, (i) => i % 4);
    await waitFor('first member consumed the first batch', () => byFirst.length >= before.length);
    await waitFor('first batch committed', () => committedEqualsEnd(groupId, topic));

    const bySecond: string[] = [];
    const second = await startMember(groupId, topic, bySecond);
    await waitFor(
      'partitions split 2/2 between both members',
      () => byFirstAlone.assignment.partitions.length === 2 && second.assignment.partitions.length === 2,
      45_000,
    );
    expect([...byFirstAlone.assignment.partitions, ...second.assignment.partitions].sort()).toEqual([0, 1, 2, 3]);

    const after = range('r', 40, 80);
    await produce(topic, after, (i) => i % 4);
    await waitFor('group consumed all 80', () => byFirst.length + bySecond.length >= 80);
    await new Promise((r) => setTimeout(r, 500)); // duplicates would arrive here

    const all = [...byFirst, ...bySecond];
    expect(all.length).toBe(80);
    expect(new Set(all).size).toBe(80);
    expect([...all].sort()).toEqual([...before, ...after].sort());
    // each member got exactly the messages of its two partitions from the second batch
    const partitionOf = (v: string) => Number(v.split('-')[1]) % 4;
    expect(bySecond.length).toBe(20);
    expect(bySecond.every((v) => second.assignment.partitions.includes(partitionOf(v)))).toBe(true);
  }, 90_000);
});
