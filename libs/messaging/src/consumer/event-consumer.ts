import type { DataSource, EntityManager } from 'typeorm';
import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { topicFor, validateEvent, type CloudEvent } from '@estafette/contracts';
import { EventPublisher } from '../event-publisher.js';
import { fromKafkaMessage, MalformedMessageError } from '../kafka-codec.js';
import { failureOwner } from './store-failure.js';
import { RefusedEventError } from './refused-event.js';
import { withEventContext } from '../event-context.js';
import { consoleLog, type MessagingLog } from '../log.js';
import { topicName } from '../topic-name.js';
import { backoffDelay, defaultRetryPolicy, waitWithHeartbeat, type RetryPolicy } from './backoff.js';
import { deadLetterMessage, deadLetterReference, tooLarge } from './dead-letter.js';

export type EventHandler = (event: CloudEvent, manager: EntityManager) => Promise<void>;

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topicPrefix: string;
  dataSource: DataSource;
  handlers: Record<string, EventHandler>;
  retry?: RetryPolicy;
  log?: MessagingLog;
  /** Shared producer for dead letters; otherwise the consumer makes its own. */
  publisher?: EventPublisher;
  /** A brand-new group reads the retained history (default), so nothing published before its first start is missed. */
  fromBeginning?: boolean;
  /** Told about every outcome, for metrics; must not throw (it is called on the consumer's path). */
  observer?: ConsumerObserver;
}

/** Hooks for metrics: what happened to each event, by type, and how long its handler took. */
export interface ConsumerObserver {
  handled?(type: string, outcome: 'processed' | 'duplicate', durationMs: number): void;
  retried?(type: string): void;
  /** type is undefined for a record too malformed to name one. */
  deadLettered?(topic: string, type: string | undefined): void;
  skipped?(type: string): void;
}

export interface EventConsumerStats {
  processed: number;
  duplicates: number;
  deadLettered: number;
  skippedUnknownType: number;
  retries: number;
}

/** Thrown out of eachMessage so kafkajs does not commit a message we gave up on because of shutdown. */
class AbandonedForShutdown extends Error {
  override name = 'AbandonedForShutdown';
}

/**
 * Runs handlers with exactly-once effect over at-least-once delivery: each event's inbox row and the
 * handler's changes commit in one transaction. Failures retry with backoff, then go to the topic's DLQ;
 * an offset is committed (kafkajs autoCommit, per batch) only after its message's success or
 * dead-lettering, so a poison event costs one partition a few retries, never a standstill.
 */
export class EventConsumer {
  /** Set while the store refuses the consumer's work (see failureOwner); cleared by the next event handled. */
  storeFailure?: { since: Date; reason: string };
  readonly stats: EventConsumerStats = { processed: 0, duplicates: 0, deadLettered: 0, skippedUnknownType: 0, retries: 0 };
  private consumer: Consumer;
  private readonly publisher: EventPublisher;
  private readonly ownsPublisher: boolean;
  private readonly deadLetterTopics = new Map<string, string>();
  private readonly retry: RetryPolicy;
  private readonly log: MessagingLog;
  private stopping = new AbortController();
  private started = false;

  constructor(private readonly options: EventConsumerOptions) {
    this.consumer = this.createConsumer();
    this.ownsPublisher = !options.publisher;
    this.publisher = options.publisher ?? new EventPublisher(options.kafka);
    this.retry = options.retry ?? defaultRetryPolicy;
    this.log = options.log ?? consoleLog;
    for (const type of Object.keys(options.handlers)) {
      const topic = topicFor(type);
      this.deadLetterTopics.set(topicName(options.topicPrefix, topic.name), topicName(options.topicPrefix, topic.deadLetterTopic));
    }
  }

  get topics(): string[] {
    return [...this.deadLetterTopics.keys()];
  }

  /** Resolves once the group is joined and fetching. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopping = new AbortController();
    await this.publisher.connect();
    await this.join();
  }

  private createConsumer(): Consumer {
    const consumer = this.options.kafka.consumer({ groupId: this.options.groupId, allowAutoTopicCreation: false });
    // kafkajs restarts itself after retriable errors, but gives up for good on others (seen while a fresh
    // broker's group coordinator loads): then a service would silently stop consuming. Rejoin instead.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || !this.started || this.stopping.signal.aborted) return;
      this.log.error(`consumer group ${this.options.groupId} crashed (${payload.error.message}); rejoining`);
      void consumer
        .disconnect()
        .catch(() => {})
        .then(() => this.rejoinSoon());
    });
    return consumer;
  }

  private async join(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: this.options.fromBeginning ?? true });
    // Offsets are committed at the end of each fetched batch (and at most once a second within one), not after
    // every message: a commit is a broker round trip, and what a crash leaves uncommitted is redelivered
    // and then skipped by the inbox.
    await this.consumer.run({ autoCommit: true, autoCommitInterval: 1_000, eachMessage: (payload) => this.onMessage(payload) });
  }

  private rejoinSoon(): void {
    setTimeout(() => {
      if (!this.started || this.stopping.signal.aborted) return;
      this.consumer = this.createConsumer();
      this.join().catch((error: Error) => {
        this.log.error(`rejoining ${this.options.groupId} failed (${error.message}); trying again`);
        void this.consumer
          .disconnect()
          .catch(() => {})
          .then(() => this.rejoinSoon());
      });
    }, 1_000).unref();
  }

  /** Lets the message in flight finish and commits it; a message still in retry backoff is left for redelivery. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.stopping.abort();
    await this.consumer.disconnect();
    if (this.ownsPublisher) await this.publisher.disconnect();
    this.started = false;
  }

  private async onMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const deadLetter = (reason: string) => this.deadLetter(reason, topic, partition, message);
    let event: CloudEvent;
    try {
      event = fromKafkaMessage(message);
    } catch (error) {
      if (error instanceof MalformedMessageError) return deadLetter(error.reason);
      throw error;
    }

    const handler = this.options.handlers[event.type];
    if (!handler) {
      // Topics are shared by several event types; the others belong to other consumers.
      this.stats.skippedUnknownType++;
      this.options.observer?.skipped?.(event.type);
      return;
    }
    // The broker's ACLs are per topic: a producer allowed on one topic could put another topic's type there.
    const home = topicName(this.options.topicPrefix, topicFor(event.type).name);
    if (home !== topic) return deadLetter(`event type ${event.type} belongs on ${home}, not on ${topic}`);

    // Everything logged from here on (retries, the handler's own logs) carries this event's id and trace.
    await withEventContext({ eventId: event.id, eventType: event.type, traceparent: event.traceparent }, async () => {
      const validation = validateEvent(event);
      if (!validation.ok) return deadLetter(`invalid event: ${validation.errors.join('; ')}`);
      await this.handleWithRetry(event, handler, heartbeat, deadLetter);
    });
  }

  private async handleWithRetry(
    event: CloudEvent,
    handler: EventHandler,
    heartbeat: () => Promise<void>,
    deadLetter: (reason: string) => Promise<void>,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.handleOnce(event, handler);
        this.storeFailure = undefined;
        return;
      } catch (error) {
        // Refused by the handler for what the event says, not for a passing failure: retrying cannot help.
        if (error instanceof RefusedEventError) return deadLetter(error.reason);
        const message = error instanceof Error ? error.message : String(error);
        // A store that cannot work now (read-only, full, a table missing, gone) is not the event's fault: retry with
        // backoff for as long as it takes and report unhealthy; only a failure on a healthy store dead-letters.
        if (failureOwner(error) === 'store') this.storeFailing(message);
        else if (attempt >= this.retry.attempts) {
          if (await this.databaseReachable()) return deadLetter(`handler failed after ${attempt} attempts: ${message}`);
          this.storeFailing(`database unreachable: ${message}`);
        }
        this.stats.retries++;
        this.options.observer?.retried?.(event.type);
        this.log.warn(`handler for ${event.type} ${event.id} failed (attempt ${attempt}): ${message}`);
        const delay = backoffDelay(this.retry, Math.min(attempt, this.retry.attempts));
        if (!(await waitWithHeartbeat(delay, heartbeat, this.stopping.signal))) {
          throw new AbandonedForShutdown(`stopped while retrying ${event.id}; it will be redelivered`);
        }
      }
    }
  }

  private async handleOnce(event: CloudEvent, handler: EventHandler): Promise<void> {
    const started = performance.now();
    const fresh = await this.options.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO inbox (consumer_group, event_id, type) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.groupId, event.id, event.type],
      );
      if (inserted.length === 0) return false;
      await handler(event, manager);
      return true;
    });
    if (fresh) this.stats.processed++;
    else this.stats.duplicates++;
    this.options.observer?.handled?.(event.type, fresh ? 'processed' : 'duplicate', performance.now() - started);
  }

  private storeFailing(reason: string): void {
    if (!this.storeFailure) this.log.warn(`the store refuses work (${reason}); events wait, none is dead-lettered for it`);
    this.storeFailure = { since: this.storeFailure?.since ?? new Date(), reason };
  }

  private async databaseReachable(): Promise<boolean> {
    try {
      await this.options.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private async deadLetter(reason: string, topic: string, partition: number, message: EachMessagePayload['message']): Promise<void> {
    const deadLetterTopic = this.deadLetterTopics.get(topic) ?? `${topic}.dlq`;
    this.log.warn(`dead-lettering ${topic}[${partition}]@${message.offset} to ${deadLetterTopic}: ${reason}`);
    const context = { reason, originalTopic: topic, partition, consumerGroup: this.options.groupId };
    try {
      await this.publisher.send([{ topic: deadLetterTopic, messages: [deadLetterMessage(message, context)] }]);
    } catch (error) {
      if (!tooLarge(error)) throw error;
      // Just under the broker's limit, the copy with its headers is over it: dead-letter a reference instead.
      this.log.warn(`dead-letter copy of ${topic}[${partition}]@${message.offset} too large; dead-lettering a reference`);
      await this.publisher.send([{ topic: deadLetterTopic, messages: [deadLetterReference(message, context)] }]);
    }
    this.stats.deadLettered++;
    const type = message.headers?.ce_type?.toString();
    this.options.observer?.deadLettered?.(topic, type);
  }
}
