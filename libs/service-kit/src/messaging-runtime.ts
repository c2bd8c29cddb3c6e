import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import {
  ConnectionOnce,
  createKafka,
  EventConsumer,
  EventPublisher,
  OutboxRelay,
  type MessagingLog,
  type OutboxBacklog,
} from '@estafette/messaging';
import { eventSubscriptions } from './event-subscriptions.js';
import { createJsonLogger, jsonLogsWanted, jsonMessagingLog } from './logging/json-logger.js';
import { ServiceMetrics } from './metrics/service-metrics.js';
import { SERVICE_CONFIG } from './tokens.js';
import type { ServiceConfig } from './service-config.js';

/**
 * The service's side of the bus: the outbox relay publishes what use cases committed, the consumer
 * feeds the handlers its providers declare (@HandlesEvent, @HandlesEventBatch, @ObservesEvents). Started after the app is
 * wired, stopped (drained) before it closes; a contradictory declaration stops the boot.
 */
@Injectable()
export class MessagingRuntime implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  readonly kafka: Kafka;
  readonly relay: OutboxRelay;
  consumer?: EventConsumer;
  private readonly publisher: EventPublisher;
  private readonly log?: MessagingLog;
  /** For health: one admin, connecting once at a time (a connect to a broker that is down outlasts the check's timeout). */
  private readonly admin = new ConnectionOnce(async () => {
    const admin = this.kafka.admin();
    await admin.connect().catch(async (error: unknown) => {
      await admin.disconnect().catch(() => {});
      throw error;
    });
    return admin;
  });

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly metrics: ServiceMetrics,
    private readonly discovery: DiscoveryService,
  ) {
    this.kafka = createKafka({ brokers: config.kafkaBrokers, clientId: `estafette-${config.name}`, sasl: config.kafkaSasl });
    this.publisher = new EventPublisher(this.kafka, config.topicPrefix);
    const log = jsonLogsWanted() ? jsonMessagingLog(createJsonLogger(config.name)) : undefined;
    this.log = log;
    this.relay = new OutboxRelay({
      dataSource,
      publisher: this.publisher,
      topicPrefix: config.topicPrefix,
      observer: metrics.relayObserver,
      log,
    });
    // One backlog query per scrape for the three gauges (each is read at scrape time, one after the other).
    let backlog: { at: number; read: Promise<OutboxBacklog> } | undefined;
    const currentBacklog = () => {
      if (!backlog || Date.now() - backlog.at > 1_000) backlog = { at: Date.now(), read: this.relay.backlog() };
      return backlog.read;
    };
    metrics.gauge('estafette_outbox_backlog_size', 'Committed events not yet published (held ones included).', [], async (gauge) =>
      gauge.set((await currentBacklog()).size),
    );
    metrics.gauge(
      'estafette_outbox_held_size',
      'Of the backlog, events a hold keeps back (a bulk import until its answer).',
      [],
      async (gauge) => gauge.set((await currentBacklog()).held),
    );
    metrics.gauge(
      'estafette_outbox_oldest_age_seconds',
      'Age of the oldest event the relay may publish, not held (0 when none waits).',
      [],
      async (gauge) => gauge.set(((await currentBacklog()).oldestAgeMs ?? 0) / 1000),
    );
    metrics.gauge('estafette_outbox_relay_running', '1 while the outbox relay runs without repeated failures.', [], async (gauge) =>
      gauge.set(this.relayReady() ? 1 : 0),
    );
  }

  /** Every provider is built by now: read their subscriptions, and consume only when there are any. */
  onModuleInit(): void {
    const instances = this.discovery
      .getProviders()
      .filter((w) => w.isDependencyTreeStatic() && w.instance && typeof w.instance === 'object');
    const { handlers, batchHandlers } = eventSubscriptions([...new Set(instances.map((w) => w.instance as object))]);
    if (Object.keys(handlers).length + Object.keys(batchHandlers).length === 0) return;
    const { config, dataSource, metrics } = this;
    this.consumer = new EventConsumer({
      kafka: this.kafka,
      groupId: `${config.topicPrefix}estafette-${config.name}`,
      topicPrefix: config.topicPrefix,
      dataSource,
      handlers,
      batchHandlers,
      publisher: this.publisher,
      observer: metrics.consumerObserver,
      log: this.log,
      busyFetchPacing: config.consumerFetchPacing,
    });
  }

  /** A broker that does not answer yet does not stop the service: health reports it, relay and consumer keep trying. */
  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
    await this.consumer?.startOrKeepTrying();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.relay.stop();
    await this.publisher.disconnect();
    await (await this.admin.forget())?.disconnect();
  }

  /** Readiness: the relay runs and its last publishes did not keep failing (a few failures are a broker blip). */
  relayReady(): boolean {
    const state = this.relay.state;
    return state.running && state.consecutiveFailures < 3;
  }

  async checkRelay(): Promise<void> {
    const state = this.relay.state;
    if (!state.running) throw new Error('outbox relay not running');
    if (!this.relayReady()) throw new Error(`outbox relay failing (${state.consecutiveFailures} times): ${state.lastError}`);
  }

  /** Health: the consumer has joined its group and is not waiting for its store (read-only, full, unreachable): events wait, none is dead-lettered. */
  async checkConsumer(): Promise<void> {
    if (this.consumer && !this.consumer.joined)
      throw new Error('the consumer has not joined its group (the broker did not answer); it keeps trying');
    const failure = this.consumer?.storeFailure;
    if (failure) throw new Error(`the store refuses the consumer's work since ${failure.since.toISOString()}: ${failure.reason}`);
  }

  /** Health: the broker answers a metadata request. */
  async checkKafka(): Promise<void> {
    await (await this.admin.get()).describeCluster();
  }
}
