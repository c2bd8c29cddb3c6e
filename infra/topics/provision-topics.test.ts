import { describe, test, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { startKafka, type KafkaBroker } from '../kafka/kafka-broker.js';
import { provisionTopics, type TopicSpec } from './provision-topics.js';
import { kafkaPrincipals } from '../platform/kafka-principals.js';
import { randomPlatformSecrets } from '../platform/service-environment.js';

const { admin: principal } = kafkaPrincipals(randomPlatformSecrets({}));

let broker: KafkaBroker;
let dataDir: string;
let admin: Admin;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'estafette-topics-'));
  broker = await startKafka({ dataDir, log: () => {}, admin: principal, users: [] });
  admin = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING, sasl: { mechanism: 'scram-sha-512', ...principal } }).admin();
  await admin.connect();
}, 180_000);

afterAll(async () => {
  await admin?.disconnect();
  await broker?.stop();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

async function partitionCount(topic: string): Promise<number> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  return topics[0].partitions.length;
}

async function topicConfig(topic: string): Promise<Record<string, string>> {
  const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: topic }] });
  return Object.fromEntries(resources[0].configEntries.map((e) => [e.configName, e.configValue]));
}

const DAY = 86_400_000;
const specs: TopicSpec[] = [
  { name: 'handover.requested', partitions: 3, retentionMs: 7 * DAY, deadLetterTopic: 'handover.requested.dlq' },
  { name: 'person.pseudonyms', partitions: 1, retentionMs: -1, cleanupPolicy: 'compact' },
];

describe('provisionTopics', () => {
  test('creates topics, their dead-letter topics, partitions and retention as specified; twice is harmless', async () => {
    await provisionTopics(broker.brokers, specs, { prefix: 't1.', sasl: principal });
    await provisionTopics(broker.brokers, specs, { prefix: 't1.', sasl: principal });

    expect((await admin.listTopics()).filter((t) => t.startsWith('t1.')).sort()).toEqual([
      't1.handover.requested',
      't1.handover.requested.dlq',
      't1.person.pseudonyms',
    ]);
    expect(await partitionCount('t1.handover.requested')).toBe(3);
    expect(await partitionCount('t1.handover.requested.dlq')).toBe(3);
    expect(await partitionCount('t1.person.pseudonyms')).toBe(1);
    expect(await topicConfig('t1.handover.requested')).toMatchObject({ 'retention.ms': String(7 * DAY), 'cleanup.policy': 'delete' });
    expect(await topicConfig('t1.handover.requested.dlq')).toMatchObject({ 'retention.ms': String(7 * DAY), 'cleanup.policy': 'delete' });
    expect(await topicConfig('t1.person.pseudonyms')).toMatchObject({ 'retention.ms': '-1', 'cleanup.policy': 'compact' });
  });

  test('a grown spec adds partitions and changes retention, keeping overrides set by hand', async () => {
    const topic = 'orders';
    await provisionTopics(broker.brokers, [{ name: topic, partitions: 2, retentionMs: DAY }], { sasl: principal });
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: 2,
          name: topic,
          configEntries: [
            { name: 'retention.ms', value: String(DAY) },
            { name: 'max.message.bytes', value: '200000' },
          ],
        },
      ],
    });
    // Config changes reach the broker's metadata asynchronously (KRaft); provision only once it shows.
    for (let i = 0; i < 300 && (await topicConfig(topic))['max.message.bytes'] !== '200000'; i++)
      await new Promise((r) => setTimeout(r, 100));

    await provisionTopics(broker.brokers, [{ name: topic, partitions: 5, retentionMs: 3 * DAY }], { sasl: principal });
    expect(await partitionCount(topic)).toBe(5);
    expect(await topicConfig(topic)).toMatchObject({ 'retention.ms': String(3 * DAY), 'max.message.bytes': '200000' });
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0].partitions.every((p) => p.leader >= 0)).toBe(true);

    // a smaller spec never shrinks or deletes anything
    await provisionTopics(broker.brokers, [{ name: topic, partitions: 1, retentionMs: 3 * DAY }], { sasl: principal });
    expect(await partitionCount(topic)).toBe(5);
    expect(await admin.listTopics()).toContain('t1.handover.requested');
  });
});
