import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Partitioners, type Admin, type Message, type Producer } from 'kafkajs';
import { createKafka } from '@estafette/messaging';
import { MessagingRuntime, SERVICE_CONFIG, type ServiceConfig } from '@estafette/service-kit';

/**
 * The replay producer (sent raw: the record must reach the consumer byte for byte) and the admin client (consumer
 * lag), opened on first use. The monitor's own principal writes nothing (ACLs): replays go out as the ops principal
 * (KAFKA_OPS_PASSWORD); without it they go out as the monitor and the broker refuses them.
 */
@Injectable()
export class BusClient implements OnApplicationShutdown {
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;

  constructor(
    private readonly messaging: MessagingRuntime,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async send(topic: string, message: Message): Promise<void> {
    this.producer ??= connect(
      createKafka({
        brokers: this.config.kafkaBrokers,
        clientId: 'estafette-monitor-replay',
        sasl: this.config.kafkaOpsSasl ?? this.config.kafkaSasl,
      }).producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
    );
    await (await this.producer).send({ topic, messages: [message], acks: -1 });
  }

  adminClient(): Promise<Admin> {
    this.admin ??= connect(this.messaging.kafka.admin());
    return this.admin;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.producer, this.admin].map(async (client) => (await client?.catch(() => undefined))?.disconnect()));
  }
}

async function connect<T extends { connect(): Promise<void> }>(client: T): Promise<T> {
  await client.connect();
  return client;
}
