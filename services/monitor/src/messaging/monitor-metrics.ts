import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { ServiceMetrics } from '@estafette/service-kit';
import { ConsumerLag } from '../application/consumer-lag.js';
import { DeadLetters } from '../application/dead-letters.js';

/** End-to-end is seconds to days (an event replayed after a fix); handler buckets would hide the tail. */
const END_TO_END_BUCKETS = [0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 3600, 86_400];

/**
 * What only the monitor can see, added to its /metrics: events on the bus per type and route, their
 * end-to-end latency, consumer lag of every group, and the dead letters waiting.
 */
@Injectable()
export class MonitorMetrics {
  private readonly seen: Counter<'type' | 'from' | 'to'>;
  private readonly skipped: Counter<'why'>;
  private readonly endToEnd: Histogram<'type'>;

  constructor(metrics: ServiceMetrics, lag: ConsumerLag, deadLetters: DeadLetters) {
    const registers = [metrics.registry];
    this.seen = new Counter({
      name: 'estafette_bus_events_total',
      help: 'Distinct events seen on the bus, by type and route.',
      labelNames: ['type', 'from', 'to'],
      registers,
    });
    this.endToEnd = new Histogram({
      name: 'estafette_event_end_to_end_seconds',
      help: 'Event time to consumption by the monitor.',
      labelNames: ['type'],
      buckets: END_TO_END_BUCKETS,
      registers,
    });
    this.skipped = new Counter({
      name: 'estafette_monitor_skipped_records_total',
      help: 'Records the monitor skipped (logged with their offset): unreadable (no CloudEvent) or unstorable (a value the store refuses).',
      labelNames: ['why'],
      registers,
    });
    metrics.gauge(
      'estafette_consumer_lag',
      'Records not yet committed per consumer group and topic (Kafka admin API).',
      ['group', 'topic'],
      async (gauge) => {
        gauge.reset();
        // A broker hiccup must not fail the whole scrape: the lag series go missing, which alerts can see.
        for (const entry of await lag.measure().catch(() => [])) gauge.set({ group: entry.group, topic: entry.topic }, entry.lag);
      },
    );
    metrics.gauge(
      'estafette_dead_letters',
      'Dead letters the monitor has seen, by original topic and whether replayed.',
      ['topic', 'replayed'],
      async (gauge) => {
        gauge.reset();
        for (const row of await deadLetters.countsByTopic()) gauge.set({ topic: row.topic, replayed: String(row.replayed) }, row.count);
      },
    );
  }

  recordSkipped(why: 'unreadable' | 'unstorable'): void {
    this.skipped.inc({ why });
  }

  recordSeen(type: string, from: string, to: string, latencyMs: number): void {
    this.seen.inc({ type, from, to });
    this.endToEnd.observe({ type }, latencyMs / 1000);
  }
}
