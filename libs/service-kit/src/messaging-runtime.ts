import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Admin, Kafka } from 'kafkajs';
import { createKafka, EventConsumer, EventPublisher, OutboxRelay, type EventHandler } from '@estafette/messaging';
import { SERVICE_CONFIG } from './tokens.js';
import type { ServiceConfig } from './service-config.js';

export const EVENT_HANDLERS = Symbol('EVENT_HANDLERS');
export type EventHandlers = Record<string, EventHandler>;

/**
 * The service's side of the bus: the outbox relay publishes what use cases committed, the consumer
 * feeds the service's handlers. Started after the app is wired, stopped (drained) before it closes.
 */
@Injectable()
export class MessagingRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly kafka: Kafka;
  readonly relay: OutboxRelay;
  readonly consumer?: EventConsumer;
  private readonly publisher: EventPublisher;
  private admin?: Admin;

  constructor(
    dataSource: DataSource,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(EVENT_HANDLERS) handlers: EventHandlers,
  ) {
    this.kafka = createKafka({ brokers: config.kafkaBrokers, clientId: `estafette-${config.name}` });
    this.publisher = new EventPublisher(this.kafka, config.topicPrefix);
    this.relay = new OutboxRelay({ dataSource, publisher: this.publisher, topicPrefix: config.topicPrefix });
    if (Object.keys(handlers).length > 0) {
      this.consumer = new EventConsumer({
        kafka: this.kafka,
        groupId: `${config.topicPrefix}estafette-${config.name}`,
        topicPrefix: config.topicPrefix,
        dataSource,
        handlers,
        publisher: this.publisher,
      });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
    await this.consumer?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.relay.stop();
    await this.publisher.disconnect();
    await this.admin?.disconnect();
  }

  /** Health: the broker answers a metadata request. */
  async checkKafka(): Promise<void> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    await this.admin.describeCluster();
  }
}
