import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import { auditAnchored, type AuditAnchoredData } from '@estafette/contracts';
import { fromKafkaMessage, topicName } from '@estafette/messaging';
import { MessagingRuntime, SERVICE_CONFIG, type ServiceConfig } from '@estafette/service-kit';
import { AnchorLedger } from '../application/anchor-ledger.js';
import { CONSENT_SETTINGS, eventSource, type ConsentSettings } from '../consent-settings.js';

/**
 * Reads this service's `audit.anchored` events back from the bus, from the topic's start, into the AnchorLedger: the
 * anchors live in the broker's log, which a database superuser cannot rewrite. A consumer group of its own per process
 * (no committed offsets matter: every start reads all), so each instance sees every anchor.
 */
@Injectable()
export class AnchorReader implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(AnchorReader.name);
  private consumer?: Consumer;
  private readonly topic: string;
  private readonly source: string;
  /** Per partition, the offset to reach before the start-up backlog is read. */
  private readonly behind = new Map<number, number>();

  constructor(
    private readonly messaging: MessagingRuntime,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(CONSENT_SETTINGS) settings: ConsentSettings,
    private readonly ledger: AnchorLedger,
  ) {
    this.topic = topicName(config.topicPrefix, auditAnchored.topic);
    this.source = eventSource(settings);
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.start();
    } catch (error) {
      // Verification then runs against this process's own anchors only, and says so in its log.
      this.log.error(`cannot read audit anchors from ${this.topic}: ${(error as Error).message}`);
      this.ledger.caughtUp();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private async start(): Promise<void> {
    const admin = this.messaging.kafka.admin();
    await admin.connect();
    try {
      for (const p of await admin.fetchTopicOffsets(this.topic))
        if (Number(p.high) > Number(p.low)) this.behind.set(p.partition, Number(p.high));
    } finally {
      await admin.disconnect();
    }
    if (this.behind.size === 0) this.ledger.caughtUp();
    const groupId = topicName(this.config.topicPrefix, `estafette-consent-anchors-${randomUUID()}`);
    const consumer = (this.consumer = this.messaging.kafka.consumer({ groupId, allowAutoTopicCreation: false }));
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        try {
          const event = fromKafkaMessage(message);
          if (event.type === auditAnchored.type && event.source === this.source) {
            const data = event.data as AuditAnchoredData;
            this.ledger.heard(data.chain, { sequence: data.sequence, headHash: data.headHash, anchoredAt: data.anchoredAt });
          }
        } catch (error) {
          this.log.warn(`skipping an unreadable anchor ${this.topic}[${partition}]@${message.offset}: ${(error as Error).message}`);
        }
        const target = this.behind.get(partition);
        if (target !== undefined && Number(message.offset) + 1 >= target) {
          this.behind.delete(partition);
          if (this.behind.size === 0) this.ledger.caughtUp();
        }
      },
    });
  }
}
