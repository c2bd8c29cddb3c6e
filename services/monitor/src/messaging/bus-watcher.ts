import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { auditAnchored, deadLetterTopics, topics } from '@estafette/contracts';
import { failureOwner, fromKafkaMessage, MalformedMessageError, paceGroupForThroughput, topicName } from '@estafette/messaging';
import { MessagingRuntime, SERVICE_CONFIG, type ServiceConfig } from '@estafette/service-kit';
import { DeadLetters } from '../application/dead-letters.js';
import { AuditAnchors } from '../application/audit-anchors.js';
import { RecordFlow, type SeenEvent } from '../application/record-flow.js';
import { MonitorMetrics } from './monitor-metrics.js';

/**
 * Reads every topic and every dead-letter topic in its own consumer group. Deliberately not an
 * EventConsumer: the monitor only watches, so a record it cannot read is logged and skipped, never
 * dead-lettered (that would put other services' events into their DLQ a second time).
 */
@Injectable()
export class BusWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(BusWatcher.name);
  private readonly newConsumer: () => Consumer;
  private consumer?: Consumer;
  private stopped = false;
  private readonly deadLetterTopicNames: Set<string>;
  private readonly prefix: string;
  /** The one topic audit anchors come from (`estafette.audit`, the consent service's). */
  private readonly auditTopic: string;
  /** Records skipped because they are no CloudEvent (counted in the metrics). */
  unreadable = 0;
  /** Records skipped because the store refuses a value in them (counted in the metrics). */
  unstorable = 0;

  constructor(
    messaging: MessagingRuntime,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    private readonly flows: RecordFlow,
    private readonly deadLetters: DeadLetters,
    private readonly metrics: MonitorMetrics,
    private readonly anchors: AuditAnchors,
  ) {
    this.prefix = config.topicPrefix;
    this.auditTopic = topicName(config.topicPrefix, auditAnchored.topic);
    const groupId = topicName(config.topicPrefix, 'estafette-monitor');
    if (config.consumerFetchPacing) paceGroupForThroughput(groupId, config.consumerFetchPacing);
    this.newConsumer = () => messaging.kafka.consumer({ groupId, allowAutoTopicCreation: false });
    this.deadLetterTopicNames = new Set(deadLetterTopics.map((t) => topicName(config.topicPrefix, t.name)));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect();
  }

  private restartSoon(): void {
    if (this.stopped) return;
    setTimeout(() => {
      this.start().catch((error: Error) => {
        this.log.error(`bus watcher restart failed: ${error.message}`);
        this.restartSoon();
      });
    }, 1_000).unref();
  }

  private async start(): Promise<void> {
    const consumer = (this.consumer = this.newConsumer());
    // kafkajs gives up on some errors (a group coordinator not found while the broker is still loading
    // its offsets topic); a watcher that silently stopped would freeze every figure, so it starts afresh.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopped) return;
      this.log.warn(`bus watcher crashed (${payload.error.message}); starting again`);
      void consumer
        .disconnect()
        .catch(() => {})
        .then(() => this.restartSoon());
    });
    await consumer.connect();
    const all = [...topics.map((t) => topicName(this.prefix, t.name)), ...this.deadLetterTopicNames];
    // The retained history too: after a first start or an outage the figures catch up.
    await consumer.subscribe({ topics: all, fromBeginning: true });
    // A fetched batch (one partition's records) is stored in one statement: the watcher sees every event on the bus,
    // and one round trip per record was most of its CPU. Offsets are resolved after the batch, so a crash redelivers it
    // and the event id keeps the count at one. For the same reason offsets are committed once a second, not after every
    // batch (an offset commit per batch was a request to the broker for every few events).
    await consumer.run({ autoCommit: true, autoCommitInterval: 1_000, eachBatch: (payload) => this.onBatch(payload) });
  }

  /**
   * Every record is validated before it is stored (the codec checks the CloudEvent, the dead-letter reader its headers).
   * What cannot be read or stored is counted, logged with its offset and skipped: one bad record never stops the watch.
   * Only a store that cannot work now (failureOwner 'store' or anything unclassified) is retried on the same offsets.
   */
  private async onBatch({ batch }: EachBatchPayload): Promise<void> {
    const { topic, partition, messages } = batch;
    if (this.deadLetterTopicNames.has(topic)) {
      for (const message of messages)
        await this.storeOne(topic, partition, message, () => this.deadLetters.record(topic, partition, message));
      return;
    }
    const seen: { message: KafkaMessage; event: SeenEvent['event'] }[] = [];
    for (const message of messages) {
      try {
        seen.push({ message, event: fromKafkaMessage(message) });
      } catch (error) {
        if (!(error instanceof MalformedMessageError)) throw error;
        this.skip('unreadable', topic, partition, message, error.reason);
      }
    }
    const name = topic.slice(this.prefix.length);
    try {
      await this.flows.recordAll(seen.map((s) => ({ event: s.event, topic: name })));
    } catch (error) {
      if (failureOwner(error) !== 'record') throw error; // database trouble: kafkajs retries, offsets not committed
      // A value the store refuses is in the batch: one by one, so only that record is skipped.
      for (const { message, event } of seen) await this.storeOne(topic, partition, message, () => this.flows.record(event, name));
    }
    // The consent service's chain heads, kept here as a copy outside its database: only from their own topic.
    if (topic === this.auditTopic)
      for (const { message, event } of seen) await this.storeOne(topic, partition, message, () => this.anchors.record(event));
  }

  /** Stores one record; a record the store refuses is counted and skipped, database trouble is thrown (retried). */
  private async storeOne(topic: string, partition: number, message: KafkaMessage, store: () => Promise<void>): Promise<void> {
    try {
      await store();
    } catch (error) {
      if (error instanceof MalformedMessageError) return this.skip('unreadable', topic, partition, message, error.reason);
      if (failureOwner(error) !== 'record') throw error;
      this.skip('unstorable', topic, partition, message, (error as Error).message);
    }
  }

  private skip(why: 'unreadable' | 'unstorable', topic: string, partition: number, message: KafkaMessage, reason: string): void {
    const where = `${topic}[${partition}]@${message.offset}`;
    if (why === 'unreadable') this.unreadable++;
    else this.unstorable++;
    this.metrics.recordSkipped(why);
    this.log.warn(
      why === 'unreadable' ? `skipping unreadable record ${where}: ${reason}` : `skipping a record the store refuses ${where}: ${reason}`,
    );
  }
}
