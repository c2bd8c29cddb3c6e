import { Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import { InvalidEventError, topicFor, validateEvent, type CloudEvent } from '@estafette/contracts';
import { toKafkaMessage } from './kafka-codec.js';
import { ConnectionOnce } from './connection-once.js';
import { topicName } from './topic-name.js';

/**
 * Broker answers meaning the producer's idempotence state (producer id, epoch, per-partition sequence) no longer
 * matches the broker's. kafkajs treats them as final and never recovers: every later batch for that partition is
 * refused. Source: design, after the broker-restart fault test (a produce the broker stored whose answer was lost).
 */
const LOST_PRODUCER_STATE = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'DUPLICATE_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
]);

/**
 * A producer that keeps order: idempotent with one request in flight, so a retried send can neither
 * duplicate nor overtake an earlier one. Used by the outbox relay and for dead letters.
 * Prefer the outbox for domain events; publish directly only what needs no atomicity with a DB change.
 *
 * When the broker refuses a batch because the producer's sequence lost step with it (kafkajs never recovers from
 * that by itself), the publisher starts a new producer (a new producer id, sequences from zero) and sends the batch
 * once more. Records the broker had already stored may then be on the bus twice; every consumer's inbox dedupes by
 * event id, as for any outbox redelivery.
 */
export class EventPublisher {
  private producer: Producer;
  /** The current producer's connect (a renewed producer connects anew). */
  private readonly connection = new ConnectionOnce(() => this.producer.connect());

  constructor(
    private readonly kafka: Kafka,
    private readonly topicPrefix = '',
  ) {
    this.producer = this.createProducer();
  }

  private createProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Java-compatible murmur2, named explicitly: same key -> same partition as any other Kafka client.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /** Connects once; a failed connect is forgotten, so the next call (or send) tries the broker again. */
  connect(): Promise<void> {
    return this.connection.get();
  }

  async disconnect(): Promise<void> {
    if (!this.connection.started) return;
    await this.connection.forget();
    await this.producer.disconnect();
  }

  /**
   * Send already-encoded records; topics are the full (prefixed) names. acks=all for durability.
   * Throws kafkajs' error when the broker cannot be reached or refuses the batch (after one renewal of the producer
   * for a lost sequence, see the class).
   */
  async send(batch: TopicMessages[]): Promise<void> {
    try {
      await this.sendOnce(batch);
    } catch (error) {
      if (!lostProducerState(error)) throw error;
      await this.renewProducer();
      await this.sendOnce(batch);
    }
  }

  private async sendOnce(batch: TopicMessages[]): Promise<void> {
    await this.connect();
    await this.producer.sendBatch({ topicMessages: batch, acks: -1 });
  }

  private async renewProducer(): Promise<void> {
    const old = this.producer;
    this.producer = this.createProducer();
    void this.connection.forget();
    await old.disconnect().catch(() => {});
  }

  /** Validates `event` against its contract (InvalidEventError if not) and sends it to its topic. */
  async publish(event: CloudEvent): Promise<void> {
    const result = validateEvent(event);
    if (!result.ok) throw new InvalidEventError(event.type, result.errors);
    const topic = topicName(this.topicPrefix, topicFor(event.type).name);
    await this.send([{ topic, messages: [toKafkaMessage(event)] }]);
  }
}

/** Whether `error`, or an error it wraps (kafkajs' retry errors keep the last one as `cause`), is a lost sequence. */
function lostProducerState(error: unknown): boolean {
  for (let e = error as { type?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.type === 'string' && LOST_PRODUCER_STATE.has(e.type)) return true;
  }
  return false;
}
