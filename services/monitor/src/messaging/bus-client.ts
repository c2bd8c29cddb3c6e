import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Partitioners, type Admin, type Message, type Producer } from 'kafkajs';
import { MessagingRuntime } from '@estafette/service-kit';

/**
 * The monitor's own producer (for replays, sent raw: the record must reach the consumer byte for byte)
 * and admin client (consumer lag), both on the service's Kafka client and opened on first use.
 */
@Injectable()
export class BusClient implements OnApplicationShutdown {
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;

  constructor(private readonly messaging: MessagingRuntime) {}

  async send(topic: string, message: Message): Promise<void> {
    this.producer ??= connect(
      this.messaging.kafka.producer({
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
