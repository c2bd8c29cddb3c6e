import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { Kafka, TopicMessages } from 'kafkajs';
import type { CloudEvent } from '@estafette/contracts';
import { EventPublisher } from '../event-publisher.js';
import { toKafkaMessage } from '../kafka-codec.js';
import { consoleLog, type MessagingLog } from '../log.js';
import { topicName } from '../topic-name.js';
import { NotificationListener } from './notification-listener.js';
import { releaseHeldRows } from './outbox-hold.js';
import { OUTBOX_CHANNEL } from './outbox-row.js';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  /** Either a Kafka client (the relay owns its publisher) or a shared publisher. */
  kafka?: Kafka;
  publisher?: EventPublisher;
  topicPrefix: string;
  /**
   * Safety net while LISTEN is connected (a notify lost some other way, or another relay's lock released), in ms;
   * default 30000: idle, the relay costs one query per interval. Work arrives by NOTIFY and is published at once.
   */
  pollIntervalMs?: number;
  /** Poll interval while the listener is not connected (it reconnects on each round), in ms; default 1000. */
  unlistenedPollIntervalMs?: number;
  batchSize?: number;
  /**
   * Held rows (OutboxHold) this old are released on the relay's safety-net round, in ms; default 120000 (a live hold
   * renews every 30 s, see OutboxHold.renewIfDue). At its first round the relay releases every held row: whoever held
   * them before this process started is gone, or will find its hold already free.
   */
  holdTimeoutMs?: number;
  log?: MessagingLog;
  /** Told how many events of each type were published, for metrics; must not throw. */
  observer?: RelayObserver;
}

export interface RelayObserver {
  published?(type: string, count: number): void;
}

/** For readiness: a relay that is stopped or keeps failing leaves committed events unpublished. */
export interface OutboxRelayState {
  running: boolean;
  consecutiveFailures: number;
  lastError: string | null;
}

export interface OutboxBacklog {
  /** Every committed event not yet published, held ones included. */
  size: number;
  /** Of those, how many an OutboxHold keeps back. */
  held: number;
  /** Age of the oldest event the relay may publish (not held), null when none waits: what a stuck relay makes grow. */
  oldestAgeMs: number | null;
}

/** Any relay instance on the same database contends for this; only the holder publishes. */
const RELAY_LOCK = 'estafette.outbox.relay';
const RELAY_LOCKED_SETTING = 'estafette.outbox_relay_locked';
/** First wait after a failed publish, doubling per consecutive failure up to 30 s. */
const FAILURE_BACKOFF_MS = 500;

/**
 * Publishes committed outbox rows in position order, marking them published afterwards.
 * A crash between send and mark republishes on the next start: at-least-once, the inbox dedupes.
 * One relay at a time per database publishes (advisory lock): with SKIP LOCKED two relays could take
 * neighbouring batches and reorder one key's events.
 */
export class OutboxRelay {
  private readonly publisher: EventPublisher;
  private readonly ownsPublisher: boolean;
  private readonly listener: NotificationListener;
  private readonly pollIntervalMs: number;
  private readonly unlistenedPollIntervalMs: number;
  private readonly batchSize: number;
  private readonly holdTimeoutMs: number;
  /** When the next round looks for held rows nobody will release; 0: at the first round, for every held row. */
  private nextHoldCheckAt = 0;
  /** readBatchText for this relay's batch size: the same text every round. */
  private readonly readBatch: string;
  private readonly log: MessagingLog;
  private running = false;
  private failures = 0;
  private lastError: string | null = null;
  private loop?: Promise<void>;
  private wakePending = false;
  private wake?: () => void;

  constructor(private readonly options: OutboxRelayOptions) {
    if (options.publisher) {
      this.publisher = options.publisher;
      this.ownsPublisher = false;
    } else if (options.kafka) {
      this.publisher = new EventPublisher(options.kafka);
      this.ownsPublisher = true;
    } else {
      throw new Error('OutboxRelay needs kafka or publisher');
    }
    this.pollIntervalMs = options.pollIntervalMs ?? 30_000;
    this.unlistenedPollIntervalMs = Math.min(options.unlistenedPollIntervalMs ?? 1_000, this.pollIntervalMs);
    this.batchSize = options.batchSize ?? 500;
    this.holdTimeoutMs = options.holdTimeoutMs ?? 120_000;
    this.readBatch = readBatchText(this.batchSize);
    this.log = options.log ?? consoleLog;
    this.listener = new NotificationListener(options.dataSource, OUTBOX_CHANNEL, () => this.notify(), this.log);
  }

  /**
   * Starts publishing. Needs the database's LISTEN at most (a relay without it polls), not the broker: a broker that
   * does not answer yet leaves the events in the outbox, each round tries it again with backoff, and `state` reports
   * the failures.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.publisher.connect().catch((error: Error) => this.log.warn(`outbox relay: the broker does not answer yet (${error.message})`));
    await this.listener.connect().catch((error) => this.log.warn(`outbox listener not connected: ${error.message}`));
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the batch in flight finish (and be marked) before returning. */
  async stop(): Promise<void> {
    if (this.running) {
      this.running = false;
      this.notify();
      await this.loop;
    }
    await this.listener.close();
    if (this.ownsPublisher) await this.publisher.disconnect();
  }

  /** Publish everything currently waiting; returns how many were published. */
  async publishPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < this.batchSize) return total;
    }
  }

  get state(): OutboxRelayState {
    return { running: this.running, consecutiveFailures: this.failures, lastError: this.lastError };
  }

  /** Two counts, each over its partial index (a held row is never published), not a scan of the outbox's history. */
  async backlog(): Promise<OutboxBacklog> {
    const [row] = await this.options.dataSource.query(
      `SELECT waiting.size + held.size AS size, held.size AS held,
              (extract(epoch FROM clock_timestamp() - waiting.oldest) * 1000)::float8 AS oldest_age_ms
         FROM (SELECT count(*)::int AS size, min(created_at) AS oldest FROM outbox WHERE published_at IS NULL AND held_by IS NULL) AS waiting,
              (SELECT count(*)::int AS size FROM outbox WHERE held_by IS NOT NULL) AS held`,
    );
    return { size: row.size, held: row.held, oldestAgeMs: row.oldest_age_ms };
  }

  private notify(): void {
    this.wakePending = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    this.failures = 0;
    while (this.running) {
      this.wakePending = false;
      try {
        if (!this.listener.listening) await this.listener.connect().catch(() => {});
        if (Date.now() >= this.nextHoldCheckAt) await this.releaseAbandonedHolds();
        const published = await this.publishBatch();
        this.failures = 0;
        this.lastError = null;
        if (published === this.batchSize) continue;
      } catch (error) {
        this.failures++;
        this.lastError = (error as Error).message;
        this.log.error(`outbox relay failed to publish (attempt ${this.failures}): ${this.lastError}`);
        await this.sleep(Math.min(FAILURE_BACKOFF_MS * 2 ** this.failures, 30_000));
        continue;
      }
      if (!this.wakePending) await this.sleep(this.listener.listening ? this.pollIntervalMs : this.unlistenedPollIntervalMs);
    }
  }

  /** See `holdTimeoutMs`. A failure is logged and tried again next round; it does not keep the round from publishing. */
  private async releaseAbandonedHolds(): Promise<void> {
    const first = this.nextHoldCheckAt === 0;
    try {
      const released = await releaseHeldRows(this.options.dataSource, first ? 0 : this.holdTimeoutMs);
      this.nextHoldCheckAt = Date.now() + this.pollIntervalMs;
      if (released > 0)
        this.log.warn(
          `outbox relay released ${released} held events ${first ? 'left from before this start' : `held longer than ${this.holdTimeoutMs} ms`}`,
        );
    } catch (error) {
      this.log.warn(`outbox relay could not release abandoned holds: ${(error as Error).message}`);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).finally(() => (this.wake = undefined));
  }

  private async publishBatch(): Promise<number> {
    const published = await this.publishBatchInTransaction();
    // Counted after commit: a batch whose marking rolled back is published again and counted then.
    const byType = new Map<string, number>();
    for (const type of published) byType.set(type, (byType.get(type) ?? 0) + 1);
    for (const [type, count] of byType) this.options.observer?.published?.(type, count);
    return published.length;
  }

  /**
   * Two round trips per batch (issue 19: each statement is a socket write, which the profile showed costly): one to
   * begin, take the relay's lock and read the batch, one to mark it and commit. Plain SQL texts without parameters
   * (the lock name and batch size are constants, positions are integers read here), so each goes as one simple query.
   */
  private async publishBatchInTransaction(): Promise<string[]> {
    const [client, releaseToPool] = (await (this.options.dataSource.driver as PostgresDriver).obtainMasterConnection()) as [
      pg.PoolClient,
      (error?: Error) => void,
    ];
    // A checked-out client without an 'error' listener takes the process down when its connection breaks (a database
    // outage): the error is kept, the query in flight fails with it, and the client is not given back for reuse.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    const release = (error?: Error) => {
      client.removeListener('error', onError);
      releaseToPool(error ?? broken);
    };
    try {
      const [, , read] = (await client.query(this.readBatch)) as unknown as pg.QueryResult<OutboxRow>[];
      const rows = read!.rows;
      if (rows.length === 0) {
        await client.query('COMMIT');
        release();
        return [];
      }
      await this.publisher.send(groupByTopic(rows, this.options.topicPrefix));
      const positions = rows.map((row) => BigInt(row.position).toString()).join(',');
      // clock_timestamp, not now(): the transaction began before the send, and published_at is when the broker had it.
      await client.query(`UPDATE outbox SET published_at = clock_timestamp() WHERE position = ANY('{${positions}}'::bigint[]); COMMIT`);
      release();
      return rows.map((row) => row.event.type);
    } catch (error) {
      // The transaction rolls back; a connection that cannot even do that is not given back to the pool.
      const unusable = await client.query('ROLLBACK').then(
        () => undefined,
        (rollbackError: Error) => rollbackError,
      );
      release(unusable);
      throw error;
    }
  }
}

/**
 * Begins the relay's transaction and reads up to `batchSize` unpublished rows in position order; no rows when another
 * relay holds the lock. The lock is taken in a statement of its own, before the read: a statement's snapshot is taken
 * when it starts, so a read that took the lock itself could start before another relay's marking committed, take the
 * lock just after that commit released it, and publish that relay's batch again. The read's snapshot comes after the
 * lock, hence after any marking that held it. The lock's outcome passes to the read as a transaction-local setting; the
 * three statements go as one simple query, one round trip.
 *
 * The read walks the partial index by position (no bitmap scan, for this transaction only): a marked row leaves a dead
 * entry in that index until autovacuum comes (once a minute at most; in a short bench run not at all), and a bitmap scan
 * visits every dead entry's heap page on every read, while an index scan marks them dead in the index as it passes and
 * later reads skip them. The planner chose the bitmap scan under load; measured (issue 19, session 30): 2-6.6 ms and up
 * to 1,600 buffers per read with 8,000-10,000 dead entries, 0.05-0.2 ms and 3-20 buffers as an index scan.
 *
 * Held rows (OutboxHold) are not in that index, and a row whose key has an earlier held row waits, so each young
 * person's events keep their order: one probe of the held rows' index per row read. Written as a scalar subquery, not
 * NOT EXISTS: the planner turns NOT EXISTS into an anti join, and with statistics from before an import's held rows
 * (nothing held) it chose to scan the whole held index once per row read: 16.5 s for one read with 100,000 held rows
 * (EXPLAIN ANALYZE, PostgreSQL 18), against 2.2 ms for the subquery, which always probes by key and position.
 */
function readBatchText(batchSize: number): string {
  return `BEGIN;
    SELECT set_config('${RELAY_LOCKED_SETTING}', pg_try_advisory_xact_lock(hashtext('${RELAY_LOCK}'))::text, true) AS locked,
      set_config('enable_bitmapscan', 'off', true) AS bitmap_scans;
    SELECT position, topic, event FROM outbox
     WHERE current_setting('${RELAY_LOCKED_SETTING}') = 'true' AND published_at IS NULL AND held_by IS NULL
       AND (SELECT earlier.position FROM outbox AS earlier
             WHERE earlier.held_by IS NOT NULL AND earlier.key = outbox.key AND earlier.position < outbox.position LIMIT 1) IS NULL
     ORDER BY position LIMIT ${Math.trunc(batchSize)}`;
}

interface OutboxRow {
  position: string;
  topic: string;
  event: CloudEvent;
}

/** Order within each topic (hence each partition) stays position order. */
function groupByTopic(rows: { topic: string; event: CloudEvent }[], prefix: string): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const row of rows) {
    const topic = topicName(prefix, row.topic);
    let entry = byTopic.get(topic);
    if (!entry) byTopic.set(topic, (entry = { topic, messages: [] }));
    entry.messages.push(toKafkaMessage(row.event));
  }
  return [...byTopic.values()];
}
