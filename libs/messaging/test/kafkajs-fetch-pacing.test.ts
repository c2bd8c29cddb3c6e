// kafkajs fetches again as soon as a batch is handled, and the broker answers at the first byte: under load every
// fetch brings an event or two. The messaging library paces the fetches by the traffic (kafkajs-fetch-pacing.ts): a
// fetch after one that brought events waits briefly for more; after an empty one the consumer's own idle settings
// apply again; a group paced for throughput (the monitor's watch, consent's age signals) waits longer while busy.
// Checked on the fetch requests a real consumer sends to the real broker.
import { createRequire } from 'node:module';
import { afterAll, expect, it } from '@jest/globals';
import { logLevel } from 'kafkajs';
import { topicFor } from '@estafette/contracts';
import { kafkaAccess, provisionTestTopics, uniqueTopicPrefix } from '@estafette/testing';
import { BUSY_FETCH_WAIT_MS } from '../src/kafkajs-fetch-pacing.js';
import { createKafka, paceGroupForThroughput, toKafkaMessage, topicName } from '../src/index.js';
import { eventually, uitschrijving } from './support.js';

interface FetchRequest {
  minBytes: number;
  maxWaitTime: number;
}

const require = createRequire(import.meta.url);
const Broker = require('kafkajs/src/broker/index.js') as { prototype: { fetch(request: FetchRequest): Promise<unknown> } };
const originalFetch = Broker.prototype.fetch;
let sent: FetchRequest[] = [];
Broker.prototype.fetch = function (this: unknown, request: FetchRequest) {
  sent.push({ minBytes: request.minBytes, maxWaitTime: request.maxWaitTime });
  return originalFetch.call(this, request);
};
afterAll(() => {
  Broker.prototype.fetch = originalFetch;
});

const IDLE = { minBytes: 1, maxWaitTime: 1_000 };

it('waits briefly for more only after a fetch that brought events, and goes back to the idle settings after an empty one', async () => {
  const prefix = uniqueTopicPrefix();
  await provisionTestTopics(prefix);
  const topic = topicName(prefix, topicFor(uitschrijving().type).name);
  const kafka = createKafka({ ...kafkaAccess(), clientId: 'fetch-pacing-test', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `${prefix}pacing`, maxWaitTimeInMs: IDLE.maxWaitTime, minBytes: IDLE.minBytes });
  const producer = kafka.producer();
  const received: string[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(message.offset) });
    await eventually(() => sent.length > 2); // joined and polling an empty topic
    expect(sent.every((r) => r.minBytes === IDLE.minBytes && r.maxWaitTime === IDLE.maxWaitTime)).toBe(true);

    await producer.connect();
    await producer.send({ topic, messages: [uitschrijving(), uitschrijving()].map(toKafkaMessage) });
    await eventually(() => received.length === 2);
    // The fetch after the one with the events waits for more; it finds none, so the next is idle again.
    const busy = await eventually(() => {
      const at = sent.findIndex((r) => r.maxWaitTime === BUSY_FETCH_WAIT_MS);
      return at > 0 && sent.length > at + 1 ? at : undefined;
    });
    expect(sent[busy]!.minBytes).toBeGreaterThan(IDLE.minBytes);
    expect(sent[busy + 1]).toEqual(IDLE);
    expect(sent.filter((r) => r.maxWaitTime === BUSY_FETCH_WAIT_MS)).toHaveLength(1);
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
});

it('a group paced for throughput waits longer for larger batches while events flow, and is idle as before after an empty fetch', async () => {
  const prefix = uniqueTopicPrefix();
  await provisionTestTopics(prefix);
  const topic = topicName(prefix, topicFor(uitschrijving().type).name);
  const kafka = createKafka({ ...kafkaAccess(), clientId: 'fetch-pacing-test', logLevel: logLevel.NOTHING });
  const groupId = `${prefix}watch`;
  const busy = { waitMs: 300, minBytes: 512 * 1024 };
  paceGroupForThroughput(groupId, busy);
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: IDLE.maxWaitTime, minBytes: IDLE.minBytes });
  const producer = kafka.producer();
  const received: string[] = [];
  sent = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(message.offset) });
    await eventually(() => sent.length > 2);
    expect(sent.every((r) => r.minBytes === IDLE.minBytes && r.maxWaitTime === IDLE.maxWaitTime)).toBe(true);

    await producer.connect();
    await producer.send({ topic, messages: [uitschrijving()].map(toKafkaMessage) });
    await eventually(() => received.length === 1);
    const paced = await eventually(() => {
      const at = sent.findIndex((r) => r.maxWaitTime === busy.waitMs);
      return at > 0 && sent.length > at + 1 ? at : undefined;
    });
    expect(sent[paced]).toEqual({ minBytes: busy.minBytes, maxWaitTime: busy.waitMs });
    expect(sent[paced + 1]).toEqual(IDLE);
    expect(sent.some((r) => r.maxWaitTime === BUSY_FETCH_WAIT_MS)).toBe(false); // not the default pacing
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
});
