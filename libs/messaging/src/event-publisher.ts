import { Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import { InvalidEventError, topicFor, validateEvent, type CloudEvent } from '@estafette/contracts';
import { toKafkaMessage } from './kafka-codec.js';
import { topicName } from './topic-name.js';

/**
 * A producer that keeps order: idempotent with one request in flight, so a retried send can neither
 * duplicate nor overtake an earlier one. Used by the outbox relay and for dead letters.
 * Prefer the outbox for domain events; publish directly only what needs no atomicity with a DB change.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly topicPrefix = '',
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Java-compatible murmur2, named explicitly: same key -> same partition as any other Kafka client.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  connect(): Promise<void> {
    this.connected ??= this.producer.connect();
    return this.connected;
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = undefined;
    await this.producer.disconnect();
  }

  /** Send already-encoded records; topics are the full (prefixed) names. acks=all for durability. */
  async send(batch: TopicMessages[]): Promise<void> {
    await this.connect();
    await this.producer.sendBatch({ topicMessages: batch, acks: -1 });
  }

  async publish(event: CloudEvent): Promise<void> {
    const result = validateEvent(event);
    if (!result.ok) throw new InvalidEventError(event.type, result.errors);
    const topic = topicName(this.topicPrefix, topicFor(event.type).name);
    await this.send([{ topic, messages: [toKafkaMessage(event)] }]);
  }
}
