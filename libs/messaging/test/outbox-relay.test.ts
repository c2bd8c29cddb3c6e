import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { topicFor, type CloudEvent } from '@estafette/contracts';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { fromKafkaMessage, Outbox, topicName, type EventPublisher, type OutboxRelay, type OutboxRelayOptions } from '../src/index.js';
import { bedRelay, createTestBed, eventually, subjects, TopicReader, uitschrijving, type TestBed } from './support.js';

let bed: TestBed;
let reader: TopicReader;
let topic: string;
const relays: OutboxRelay[] = [];

const relay = (options: Partial<OutboxRelayOptions> = {}) => bedRelay(bed, relays, options);

/** Commits a state change and its event together, as a service's use case would. */
async function commit(...events: CloudEvent[]): Promise<void> {
  await bed.dataSource.transaction(async (manager) => {
    for (const event of events) await manager.query(`INSERT INTO effects (event_id, subject) VALUES ($1, $2)`, [event.id, event.subject]);
    await Outbox.addAll(manager, events);
  });
}

const onBus = (ids: string[]) => reader.messages.map((m) => fromKafkaMessage(m)).filter((e) => ids.includes(e.id));

beforeAll(async () => {
  bed = await createTestBed('outbox');
  topic = topicName(bed.prefix, topicFor(uitschrijving().type).name);
  reader = await new TopicReader(bed.kafka, [topic]).start();
});

afterAll(async () => {
  for (const created of relays) await created.stop();
  await reader?.stop();
  await bed?.close();
});

describe('transactional outbox', () => {
  it('refuses to write outside a transaction and rolls back with the state change', async () => {
    await expect(Outbox.add(bed.dataSource.manager, uitschrijving())).rejects.toThrow(/open transaction/);
    const event = uitschrijving();
    await expect(
      bed.dataSource.transaction(async (manager) => {
        await Outbox.add(manager, event);
        throw new Error('use case failed after staging its event');
      }),
    ).rejects.toThrow(/use case failed/);
    expect(await bed.dataSource.query(`SELECT 1 FROM outbox WHERE event_id = $1`, [event.id])).toHaveLength(0);
  });

  it('rejects an event that breaks its contract, before anything is committed', async () => {
    const invalid = { ...uitschrijving(), subject: 'BSN 123456789' };
    await expect(bed.dataSource.transaction((manager) => Outbox.add(manager, invalid))).rejects.toThrow(/subject|pattern/i);
  });

  it('turns bitmap scans off for its own read only: its pooled connection has them back after a publish and after a failed one', async () => {
    // One connection, so the relay's transactions and the check below run on the same backend. No relay runs yet.
    const single = await new DataSource({ ...bed.dataSource.options, extra: { max: 1 } } as DataSourceOptions).initialize();
    const bitmapScans = async () =>
      ((await single.query('SHOW enable_bitmapscan')) as { enable_bitmapscan: string }[])[0]!.enable_bitmapscan;
    try {
      await commit(uitschrijving());
      const brokerDown = { send: () => Promise.reject(new Error('broker down')) } as unknown as EventPublisher;
      await expect(relay({ dataSource: single, kafka: undefined, publisher: brokerDown }).publishPending()).rejects.toThrow('broker down');
      expect(await bitmapScans()).toBe('on');
      expect(await relay({ dataSource: single }).publishPending()).toBe(1);
      expect(await bitmapScans()).toBe('on');
    } finally {
      await single.destroy();
    }
  });

  it('publishes, after a crash between commit and publish, every committed event exactly once', async () => {
    // The process "died" after commit: rows are there, no relay ever ran.
    const events = [uitschrijving(subjects[0]), uitschrijving(subjects[1]), uitschrijving(subjects[2])];
    await commit(...events);
    const ids = events.map((e) => e.id);
    expect((await relay().backlog()).size).toBeGreaterThanOrEqual(3);

    const restarted = relay();
    await restarted.start();
    await eventually(
      () => onBus(ids).length,
      (n) => n >= 3,
    );
    await eventually(
      () => restarted.backlog(),
      (b) => b.size === 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // room for a duplicate to show up
    expect(
      onBus(ids)
        .map((e) => e.id)
        .sort(),
    ).toEqual([...ids].sort());
    expect(await bed.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)).toEqual([{ n: 0 }]);
    await restarted.stop();
  });

  it('reports backlog size and age of the oldest unpublished event', async () => {
    const idle = relay(); // never started: nothing publishes
    await commit(uitschrijving());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const backlog = await idle.backlog();
    expect(backlog.size).toBe(1);
    expect(backlog.oldestAgeMs).toBeGreaterThanOrEqual(40);
    expect(await idle.publishPending()).toBe(1);
    expect(await idle.backlog()).toEqual({ size: 0, held: 0, oldestAgeMs: null });
  });

  it("keeps each young person's events in commit order, and two relays do not double-publish", async () => {
    const [a, b] = [relay(), relay()];
    await Promise.all([a.start(), b.start()]);
    const committed: CloudEvent[] = [];
    for (let i = 0; i < 60; i++) {
      const event = uitschrijving(subjects[i % 3]);
      committed.push(event);
      await commit(event); // one transaction each, like separate use cases
    }
    const ids = committed.map((e) => e.id);
    await eventually(
      () => onBus(ids).length,
      (n) => n >= 60,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const seen = onBus(ids);
    expect(seen).toHaveLength(60);
    for (const subject of subjects) {
      expect(seen.filter((e) => e.subject === subject).map((e) => e.id)).toEqual(
        committed.filter((e) => e.subject === subject).map((e) => e.id),
      );
    }
    await Promise.all([a.stop(), b.stop()]);
  });

  it('four relays racing over commits from eight writers publish every event exactly once', async () => {
    const racing = [relay(), relay(), relay(), relay()];
    await Promise.all(racing.map((r) => r.start()));
    const committed: CloudEvent[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        for (let i = 0; i < 40; i++) {
          const event = uitschrijving(subjects[(writer + i) % 3]);
          committed.push(event);
          await commit(event);
        }
      }),
    );
    const ids = committed.map((e) => e.id);
    await eventually(
      () => onBus(ids).length,
      (n) => n >= ids.length,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // room for a duplicate to show up
    expect(onBus(ids).length).toBe(ids.length);
    await Promise.all(racing.map((r) => r.stop()));
  });

  it('wakes on NOTIFY: commit-to-consume latency far below the poll interval', async () => {
    const fast = relay({ pollIntervalMs: 10_000 }); // only a notify can explain a quick delivery
    await fast.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const event = uitschrijving(subjects[i % 3]);
      const committedAt = Date.now();
      await commit(event);
      await eventually(
        () => onBus([event.id]).length,
        (n) => n === 1,
        5_000,
      );
      latencies.push(Date.now() - committedAt);
    }
    latencies.sort((x, y) => x - y);
    const median = latencies[Math.floor(latencies.length / 2)];
    console.log(`outbox commit -> consumed: median ${median} ms, max ${latencies.at(-1)} ms over ${latencies.length} events`);
    expect(median).toBeLessThan(1_000);
    expect(latencies.at(-1)).toBeLessThan(5_000);
    await fast.stop();
  });
});
