import { randomUUID } from 'node:crypto';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { logLevel, type Consumer, type Kafka, type KafkaMessage } from 'kafkajs';
import { createTestDatabase, provisionTestTopics, uniqueTopicPrefix, type TestDatabase, kafkaAccess } from '@estafette/testing';
export { eventually } from '@estafette/testing';
import { createEvent, overdrachtAccepted, overdrachtOffered, uitschrijvingRegistered, type CloudEvent } from '@estafette/contracts';
import { createKafka, messagingEntities, messagingMigrations, OutboxRelay, silentLog, type OutboxRelayOptions } from '../src/index.js';

/** A table the test handlers write to: one row per effect, deliberately without a unique key. */
class CreateEffects1767225600100 implements MigrationInterface {
  name = 'CreateEffects1767225600100';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE effects (id bigserial PRIMARY KEY, event_id text NOT NULL, subject text NOT NULL, consumer_group text)`,
    );
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE effects`);
  }
}

/**
 * A relay on the bed's database and broker, logging nothing, kept in `made` so the suite can stop every one it made;
 * `options` override any of it.
 */
export function bedRelay(bed: TestBed, made: OutboxRelay[], options: Partial<OutboxRelayOptions> = {}): OutboxRelay {
  const created = new OutboxRelay({ dataSource: bed.dataSource, kafka: bed.kafka, topicPrefix: bed.prefix, log: silentLog, ...options });
  made.push(created);
  return created;
}

export interface TestBed {
  prefix: string;
  dataSource: DataSource;
  kafka: Kafka;
  close(): Promise<void>;
}

/** A fresh database with the messaging migrations, and this suite's own topics on the real broker. */
export async function createTestBed(label: string): Promise<TestBed> {
  const database: TestDatabase = await createTestDatabase(label);
  try {
    return await openTestBed(label, database);
  } catch (error) {
    await database.drop();
    throw error;
  }
}

async function openTestBed(label: string, database: TestDatabase): Promise<TestBed> {
  const prefix = uniqueTopicPrefix();
  await provisionTestTopics(prefix);
  // The test bed migrates its own tables, so it connects as the owner (services run as their runtime role).
  const dataSource = new DataSource({
    type: 'postgres',
    url: database.ownerUrl,
    entities: [...messagingEntities],
    migrations: [...messagingMigrations, CreateEffects1767225600100],
    migrationsRun: true,
    synchronize: false,
    logging: false,
  });
  await dataSource.initialize();
  // Fresh topics answer "not the leader" for a moment; kafkajs retries and logs each one as ERROR. Silence
  // that noise here: the tests assert outcomes, which is where a real problem shows.
  const kafka = createKafka({ ...kafkaAccess(), clientId: `messaging-test-${label}`, logLevel: logLevel.NOTHING });
  return {
    prefix,
    dataSource,
    kafka,
    async close() {
      await dataSource.destroy();
      await database.drop();
    },
  };
}

/**
 * Seen once: creating topics while another suite does the same answered "does not host this
 * topic-partition" (metadata not yet propagated). Creating is idempotent, so one more try is harmless.
 */
export const subjects = ['pr_0000000000000000000000000A', 'pr_0000000000000000000000000B', 'pr_0000000000000000000000000C'];

export function uitschrijving(subject = subjects[0], overrides: Partial<Record<string, unknown>> = {}): CloudEvent {
  return createEvent(uitschrijvingRegistered, {
    source: uitschrijvingRegistered.example.source,
    subject,
    data: { ...uitschrijvingRegistered.example.data, uitschrijvingId: randomUUID(), ...overrides },
  }) as CloudEvent;
}

export function overdrachtOffer(subject = subjects[0]): CloudEvent {
  return createEvent(overdrachtOffered, {
    source: overdrachtOffered.example.source,
    subject,
    data: overdrachtOffered.example.data,
  }) as CloudEvent;
}

export function overdrachtAccept(subject = subjects[0]): CloudEvent {
  return createEvent(overdrachtAccepted, {
    source: overdrachtAccepted.example.source,
    subject,
    data: overdrachtAccepted.example.data,
  }) as CloudEvent;
}

/** Reads a topic raw, from the beginning, into an array: the test's view of what is on the bus. */
export class TopicReader {
  readonly messages: (KafkaMessage & { topic: string; partition: number })[] = [];
  private readonly consumer: Consumer;
  private readonly seen = new Set<string>();

  constructor(
    kafka: Kafka,
    private readonly topics: string[],
  ) {
    this.consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  }

  async start(): Promise<this> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        // A rebalance of this reader redelivers from its last committed offset: the same record again is not a second
        // publish (that would have an offset of its own), so it is kept once.
        const at = `${topic}/${partition}/${message.offset}`;
        if (this.seen.has(at)) return;
        this.seen.add(at);
        this.messages.push({ ...message, topic, partition });
      },
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

export const header = (message: KafkaMessage, name: string): string | undefined => message.headers?.[name]?.toString();
