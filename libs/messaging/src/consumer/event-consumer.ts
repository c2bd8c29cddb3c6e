import type { DataSource } from 'typeorm';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { TOPIC_PARTITIONS, topicFor, validateEvent, type CloudEvent } from '@estafette/contracts';
import { EventPublisher } from '../event-publisher.js';
import { fromKafkaMessage, MalformedMessageError } from '../kafka-codec.js';
import { failureOwner } from './store-failure.js';
import { RefusedEventError } from './refused-event.js';
import { withEventContext } from '../event-context.js';
import { consoleLog, type MessagingLog } from '../log.js';
import { topicName } from '../topic-name.js';
import { paceGroupForThroughput, type BusyFetchPacing } from '../kafkajs-fetch-pacing.js';
import { backoffDelay, defaultRetryPolicy, waitWithHeartbeat, type RetryPolicy } from './backoff.js';
import { deadLetterMessage, deadLetterReference, tooLarge } from './dead-letter.js';

import { applyInboxBatch, type Applied, type EventBatchHandler, type EventHandler, type InboxBatchResult } from './inbox-batch.js';

export type { EventBatchHandler, EventHandler } from './inbox-batch.js';

/** A fetched message, classified: to dead-letter (with the event when it decoded), another consumer's type, or work. */
type Received = { topic: string; partition: number; message: KafkaMessage } & (
  | { kind: 'deadLetter'; reason: string; event?: CloudEvent }
  | { kind: 'skip'; type: string }
  | { kind: 'work'; event: CloudEvent; handler: EventHandler; batchHandler?: EventBatchHandler }
);
type WorkItem = Extract<Received, { kind: 'work' }>;

const eventContext = (event: CloudEvent) => ({ eventId: event.id, eventType: event.type, traceparent: event.traceparent });

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topicPrefix: string;
  dataSource: DataSource;
  handlers: Record<string, EventHandler>;
  /** Types handled several events at a time (see EventBatchHandler); a type is in `handlers` or here, not both. */
  batchHandlers?: Record<string, EventBatchHandler>;
  retry?: RetryPolicy;
  log?: MessagingLog;
  /** Shared producer for dead letters; otherwise the consumer makes its own. */
  publisher?: EventPublisher;
  /** A brand-new group reads the retained history (default), so nothing published before its first start is missed. */
  fromBeginning?: boolean;
  /** Told about every outcome, for metrics; must not throw (it is called on the consumer's path). */
  observer?: ConsumerObserver;
  /**
   * How many partitions are handled at once (default: a topic's partition count, 6; each holds one pooled database
   * connection of the pg pool's 10 while it works).
   */
  partitionsConsumedConcurrently?: number;
  /** The most events applied in one transaction (default 200): a larger fetched batch is applied in several. */
  maxEventsPerTransaction?: number;
  /** How the group fetches while events flow (paceGroupForThroughput); absent, the default pacing. */
  busyFetchPacing?: BusyFetchPacing;
}

// Every partition of a topic at once: kafkajs fetches again only once every batch of the last fetch is handled, so with
// fewer workers than partitions a fetch cycle takes several transaction times in turn (at 100/s with 3: p50 from the
// school's 201 to the RMC's task 62-81 ms, with 6: 39-48 ms; issue 19).
const DEFAULT_CONCURRENT_PARTITIONS = TOPIC_PARTITIONS;

/**
 * The most bytes one fetch brings per partition (kafkajs' default is 1 MB): with a backlog (an import's 98,000 events
 * released at once) every partition's fetch came full, about 2,000 events each, all decoded and held until handled,
 * while a transaction applies 200. A record larger than this still comes, alone (the broker returns the first batch
 * whatever its size). Measured: see infra/bench/README.md (issue 19, session 31).
 */
const MAX_BYTES_PER_PARTITION = 256 * 1024;

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

/** Thrown out of eachBatch so kafkajs does not commit a message we gave up on because of shutdown. */
class AbandonedForShutdown extends Error {
  override name = 'AbandonedForShutdown';
}

/**
 * Runs handlers with exactly-once effect over at-least-once delivery: a fetched batch's inbox rows and its handlers'
 * changes commit in one transaction (see applyInboxBatch). A failing event is isolated: the events before it commit
 * without it, it is retried alone with backoff, then goes to the topic's DLQ, and only then do the events after it
 * run. An offset is resolved (and committed, at most once a second) only after its message's success or
 * dead-lettering, so a poison event costs one partition a few retries, never a standstill, and a crash only a
 * redelivery the inbox skips.
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
  private readonly maxEventsPerTransaction: number;
  private readonly routes = new Map<string, { handler: EventHandler; batchHandler?: EventBatchHandler }>();
  private stopping = new AbortController();
  private started = false;
  private isJoined = false;

  constructor(private readonly options: EventConsumerOptions) {
    this.consumer = this.createConsumer();
    this.ownsPublisher = !options.publisher;
    this.publisher = options.publisher ?? new EventPublisher(options.kafka);
    this.retry = options.retry ?? defaultRetryPolicy;
    this.log = options.log ?? consoleLog;
    this.maxEventsPerTransaction = options.maxEventsPerTransaction ?? 200;
    if (options.busyFetchPacing) paceGroupForThroughput(options.groupId, options.busyFetchPacing);
    for (const [type, handler] of Object.entries(options.handlers)) this.routes.set(type, { handler });
    for (const [type, batchHandler] of Object.entries(options.batchHandlers ?? {})) {
      if (this.routes.has(type)) throw new Error(`${type} has a handler and a batch handler; give it one`);
      this.routes.set(type, { handler: (event, manager) => batchHandler([event], manager), batchHandler });
    }
    for (const type of this.routes.keys()) {
      const topic = topicFor(type);
      this.deadLetterTopics.set(topicName(options.topicPrefix, topic.name), topicName(options.topicPrefix, topic.deadLetterTopic));
    }
  }

  get topics(): string[] {
    return [...this.deadLetterTopics.keys()];
  }

  /** Resolves once the group is joined and fetching; rejects, with nothing left running, when the broker does not answer. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopping = new AbortController();
    try {
      await this.publisher.connect();
      await this.join(this.consumer, this.stopping.signal);
    } catch (error) {
      this.started = false;
      await this.consumer.disconnect().catch(() => {});
      if (this.ownsPublisher) await this.publisher.disconnect().catch(() => {});
      throw error;
    }
  }

  /**
   * A service's start: joins as start() does, but a broker that does not answer is not fatal. Once the first try has
   * failed (kafkajs' own retries, some seconds) it resolves, and the consumer tries to join again every second until it
   * has (`joined`) or stop() is called; what was published meanwhile waits on the bus.
   */
  async startOrKeepTrying(): Promise<void> {
    try {
      await this.start();
    } catch (error) {
      this.log.warn(`consumer group ${this.options.groupId} could not join (${(error as Error).message}); trying again every second`);
      this.started = true;
      this.rejoinSoon();
    }
  }

  /** Whether the group is joined (kafkajs' GROUP_JOIN; false before it, after a crash or stop, and while rejoining). */
  get joined(): boolean {
    return this.isJoined;
  }

  private createConsumer(): Consumer {
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
    });
    // Only the current consumer speaks for the group: a replaced one's late events change nothing.
    const current = () => consumer === this.consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (current()) this.isJoined = true;
    });
    consumer.on(consumer.events.STOP, () => {
      if (current()) this.isJoined = false;
    });
    // kafkajs restarts itself after retriable errors, but gives up for good on others (seen while a fresh
    // broker's group coordinator loads): then a service would silently stop consuming. Rejoin instead.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (current()) this.isJoined = false;
      if (payload.restart || !this.started || this.stopping.signal.aborted) return;
      this.log.error(`consumer group ${this.options.groupId} crashed (${payload.error.message}); rejoining`);
      void consumer
        .disconnect()
        .catch(() => {})
        .then(() => this.rejoinSoon());
    });
    return consumer;
  }

  /**
   * Connects `consumer`, subscribes and runs it. A stop() while it connects (`stopping` aborted) disconnects it and
   * runs nothing: a broker that answers only after the stop must not get a member the service no longer stops.
   */
  private async join(consumer: Consumer, stopping: AbortSignal): Promise<void> {
    const abandoned = async () => {
      if (!stopping.aborted) return false;
      await consumer.disconnect().catch(() => {});
      return true;
    };
    await consumer.connect();
    if (await abandoned()) return;
    await consumer.subscribe({ topics: this.topics, fromBeginning: this.options.fromBeginning ?? true });
    if (await abandoned()) return;
    // Offsets are committed at the end of each fetched batch (and at most once a second within one), not after
    // every message: a commit is a broker round trip, and what a crash leaves uncommitted is redelivered
    // and then skipped by the inbox.
    // Partitions are consumed concurrently: one young person's events share a key, hence a partition, so per-key order
    // holds; handlers that read then write one young person's rows across topics are made safe for it (see
    // infra/bench/README.md, What limits the chain).
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 1_000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? DEFAULT_CONCURRENT_PARTITIONS,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /** A second later, a new consumer joins; the stop() of this run (its own signal, not a later start's) cancels it. */
  private rejoinSoon(): void {
    this.isJoined = false;
    const stopping = this.stopping.signal;
    setTimeout(() => {
      if (!this.started || stopping.aborted) return;
      const consumer = (this.consumer = this.createConsumer());
      this.join(consumer, stopping).catch((error: Error) => {
        this.log.error(`rejoining ${this.options.groupId} failed (${error.message}); trying again`);
        void consumer
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
    this.isJoined = false;
  }

  /**
   * One fetched batch of one partition, in offset order: each message is classified (dead letter, not ours, work),
   * then up to `maxEventsPerTransaction` at a time are applied in one transaction. An offset is resolved only once its
   * message and all before it are applied or dead-lettered, so a crash redelivers the rest and the inbox skips
   * what had committed. A failing event is handled alone with retries before anything after it: per-key order holds.
   */
  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    const items = batch.messages.map((message) => this.classify(batch.topic, batch.partition, message));
    let next = 0;
    while (next < items.length) {
      if (!isRunning() || isStale() || this.stopping.signal.aborted) return;
      const chunk = items.slice(next, next + this.maxEventsPerTransaction);
      const finished = await this.applyChunk(chunk, heartbeat);
      next += finished;
      resolveOffset(items[next - 1].message.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  private classify(topic: string, partition: number, message: KafkaMessage): Received {
    const at = { topic, partition, message };
    let event: CloudEvent;
    try {
      event = fromKafkaMessage(message);
    } catch (error) {
      if (error instanceof MalformedMessageError) return { ...at, kind: 'deadLetter', reason: error.reason };
      throw error;
    }
    const route = this.routes.get(event.type);
    // Topics are shared by several event types; the others belong to other consumers.
    if (!route) return { ...at, kind: 'skip', type: event.type };
    // The broker's ACLs are per topic: a producer allowed on one topic could put another topic's type there.
    const home = topicName(this.options.topicPrefix, topicFor(event.type).name);
    if (home !== topic) return { ...at, kind: 'deadLetter', reason: `event type ${event.type} belongs on ${home}, not on ${topic}`, event };
    const validation = validateEvent(event);
    if (!validation.ok) return { ...at, kind: 'deadLetter', reason: `invalid event: ${validation.errors.join('; ')}`, event };
    return { ...at, kind: 'work', event, ...route };
  }

  /**
   * Applies the chunk's work in one transaction and returns how many of its items (from the start) are finished.
   * On a handler failure the events before the failing one are applied again without it (a smaller batch), and the
   * failing one goes through the single-event path with its retries; the caller continues after it. When a batch
   * handler failed for several events together, they go through the single-event path in turn until one fails alone:
   * the innocent commit, the one at fault is retried and dead-lettered, nothing is dead-lettered for another event's
   * fault, and the events after it go back to batches.
   */
  private async applyChunk(chunk: Received[], heartbeat: () => Promise<void>): Promise<number> {
    let end = chunk.length;
    // Why chunk[end] failed, once end < chunk.length: its own error, or (with `last`) a run through chunk[last] failed.
    let isolated: { error: unknown; last?: number } | undefined;
    for (;;) {
      const work = chunk.slice(0, end).filter((item): item is WorkItem => item.kind === 'work');
      let result: InboxBatchResult;
      try {
        result = work.length === 0 ? { applied: [] } : await applyInboxBatch(this.options.dataSource, this.options.groupId, work);
      } catch {
        // The transaction itself failed (the store, not a handler): the first event alone, with the single path's retries.
        const first = chunk.indexOf(work[0]);
        await this.finish(chunk.slice(0, first));
        await this.handleAlone(work[0], heartbeat);
        return first + 1;
      }
      if (result.failure) {
        // Nothing committed: apply what came before the failing event (a smaller batch), then isolate it.
        const { index, through, error } = result.failure;
        end = chunk.indexOf(work[index]);
        isolated = { error, last: through === undefined ? undefined : chunk.indexOf(work[through]) };
        if (end > 0) continue;
      } else {
        this.counted(work, result.applied);
      }
      await this.finish(chunk.slice(0, end));
      if (end === chunk.length) return end;
      if (isolated!.last === undefined) {
        await this.handleAlone(chunk[end] as WorkItem, heartbeat, isolated);
        return end + 1;
      }
      // The first event that fails alone is the one at fault: once it is dead-lettered the rest go back to batches. A
      // stop ends the walk after its first event (so the caller always moves on); the rest is redelivered.
      for (let index = end; index <= isolated!.last; index++) {
        if (index > end && this.stopping.signal.aborted) return index;
        const item = chunk[index]!;
        if (item.kind !== 'work') {
          await this.finish([item]);
          continue;
        }
        const applied = await this.handleAlone(item, heartbeat);
        await heartbeat();
        if (!applied) return index + 1;
      }
      return isolated!.last + 1;
    }
  }

  /** Sends the dead letters and counts the skips among `items`; their work is committed already. */
  private async finish(items: Received[]): Promise<void> {
    for (const item of items) {
      if (item.kind === 'skip') {
        this.stats.skippedUnknownType++;
        this.options.observer?.skipped?.(item.type);
      } else if (item.kind === 'deadLetter') {
        const send = () => this.deadLetter(item.reason, item.topic, item.partition, item.message);
        await (item.event ? withEventContext(eventContext(item.event), send) : send());
      }
    }
  }

  private counted(work: WorkItem[], applied: Applied[]): void {
    if (work.length > 0) this.storeFailure = undefined;
    for (const [index, outcome] of applied.entries()) {
      if (outcome.fresh) this.stats.processed++;
      else this.stats.duplicates++;
      this.options.observer?.handled?.(work[index].event.type, outcome.fresh ? 'processed' : 'duplicate', outcome.durationMs);
    }
  }

  /** The single-event path: this event alone, retried with backoff, dead-lettered when it cannot succeed (then false). */
  private handleAlone(item: WorkItem, heartbeat: () => Promise<void>, firstFailure?: { error: unknown }): Promise<boolean> {
    const deadLetter = (reason: string) => this.deadLetter(reason, item.topic, item.partition, item.message);
    return withEventContext(eventContext(item.event), () => this.handleWithRetry(item, heartbeat, deadLetter, firstFailure));
  }

  private async handleWithRetry(
    item: WorkItem,
    heartbeat: () => Promise<void>,
    deadLetter: (reason: string) => Promise<void>,
    firstFailure?: { error: unknown },
  ): Promise<boolean> {
    const { event } = item;
    for (let attempt = 1; ; attempt++) {
      let error: unknown;
      if (attempt === 1 && firstFailure) {
        error = firstFailure.error; // its try in the batch was the first attempt
      } else {
        const result = await applyInboxBatch(this.options.dataSource, this.options.groupId, [item]).catch((failed: unknown) => ({
          failure: { index: 0, error: failed },
        }));
        if (!result.failure) {
          this.counted([item], result.applied!);
          return true;
        }
        error = result.failure.error;
      }
      // Refused by the handler for what the event says, not for a passing failure: retrying cannot help.
      if (error instanceof RefusedEventError) return deadLetter(error.reason).then(() => false);
      const message = error instanceof Error ? error.message : String(error);
      // A store that cannot work now (read-only, full, a table missing, gone) is not the event's fault: retry with
      // backoff for as long as it takes and report unhealthy; only a failure on a healthy store dead-letters.
      if (failureOwner(error) === 'store') this.storeFailing(message);
      else if (attempt >= this.retry.attempts) {
        if (await this.databaseReachable()) return deadLetter(`handler failed after ${attempt} attempts: ${message}`).then(() => false);
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

  private async deadLetter(reason: string, topic: string, partition: number, message: KafkaMessage): Promise<void> {
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
