// The baseline: plain kafkajs on the same broker, no service, no database. A producer sends `count`
// event-sized messages in batches while a consumer group (eachMessage, auto-commit: kafkajs' default
// way) reads them; throughput is count over first send to last receipt.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

export interface RawKafkaResult {
  messages: number;
  messageBytes: number;
  partitions: number;
  producedPerSecond: number;
  endToEndPerSecond: number;
}

export async function rawKafkaThroughput(
  brokers: string[],
  topic: string,
  opts: { count: number; partitions: number; batch?: number; sasl: { username: string; password: string } },
): Promise<RawKafkaResult> {
  const { count, partitions, batch = 100 } = opts;
  const kafka = new Kafka({
    clientId: 'bench-raw',
    brokers,
    logLevel: logLevel.NOTHING,
    sasl: { mechanism: 'scram-sha-512', ...opts.sasl },
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();

  // About the size of a CloudEvent the school publishes (a pseudonymous key, ids, a few facts).
  const value = JSON.stringify({
    specversion: '1.0',
    type: 'nl.estafette.bench',
    source: 'bench',
    id: '',
    data: randomBytes(300).toString('base64'),
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: `${topic}-group` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  let received = 0;
  let lastAt = 0;
  const allIn = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async () => {
        received++;
        if (received === count) {
          lastAt = Date.now();
          resolve();
        }
      },
    });
  });
  // Let the group settle before the clock starts, as the services' groups have before the platform is measured.
  await new Promise((r) => setTimeout(r, 3_000));
  const startedAt = Date.now();
  for (let sent = 0; sent < count; sent += batch) {
    const messages = Array.from({ length: Math.min(batch, count - sent) }, (_, k) => ({ key: `k${(sent + k) % 997}`, value }));
    await producer.send({ topic, acks: -1, messages });
  }
  const producedAt = Date.now();
  await allIn;
  await Promise.all([consumer.disconnect(), producer.disconnect()]);
  const seconds = (lastAt - startedAt) / 1000;
  return {
    messages: count,
    messageBytes: Buffer.byteLength(value),
    partitions,
    producedPerSecond: Math.round(count / ((producedAt - startedAt) / 1000)),
    endToEndPerSecond: Math.round(count / seconds),
  };
}
