import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { topicFor, type CloudEvent } from '@estafette/contracts';
import { fromKafkaMessage, Outbox, OutboxHold, topicName, type OutboxRelay, type OutboxRelayOptions } from '../src/index.js';
import { bedRelay, createTestBed, eventually, TopicReader, uitschrijving, type TestBed } from './support.js';

let bed: TestBed;
let reader: TopicReader;
const relays: OutboxRelay[] = [];

const relay = (options: Partial<OutboxRelayOptions> = {}) => bedRelay(bed, relays, options);

/** One transaction per call, as a use case's; held when `hold` is given. */
async function commit(events: CloudEvent[], hold?: OutboxHold): Promise<void> {
  await bed.dataSource.transaction((manager) => Outbox.addAll(manager, events, { hold }));
}

/** A subject (young person's key) of its own per test, so no test waits behind another's held rows. */
let next = 0;
const subject = () => `pr_H${String(next++).padStart(25, '0')}`;

const onBus = (ids: string[]) => reader.messages.map((m) => fromKafkaMessage(m)).filter((e) => ids.includes(e.id));
const ids = (events: CloudEvent[]) => events.map((e) => e.id);
/**
 * Starts a relay and waits for its first round to have passed (it frees every hold left from before, and would free
 * the test's too): an unheld marker committed before the start is published after that.
 */
async function startedRelay(options: Partial<OutboxRelayOptions> = {}): Promise<OutboxRelay> {
  const marker = uitschrijving(subject());
  await commit([marker]);
  const running = relay(options);
  await running.start();
  await eventually(
    () => onBus([marker.id]).length,
    (n) => n === 1,
  );
  return running;
}

const heldCount = async () =>
  ((await bed.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE held_by IS NOT NULL`)) as [{ n: number }])[0].n;

beforeAll(async () => {
  bed = await createTestBed('outbox-hold');
  reader = await new TopicReader(bed.kafka, [topicName(bed.prefix, topicFor(uitschrijving().type).name)]).start();
});

afterEach(async () => {
  for (const created of relays.splice(0)) await created.stop();
});

afterAll(async () => {
  await reader?.stop();
  await bed?.close();
});

describe('an outbox hold', () => {
  it("keeps its events from the relay until released, and a later event of the same young person behind them; others' flow", async () => {
    const [held, other] = [subject(), subject()];
    const hold = new OutboxHold(bed.dataSource);
    const heldEvents = [uitschrijving(held), uitschrijving(held)];
    await commit(heldEvents, hold);
    const later = uitschrijving(held); // e.g. the same young person through the API while the import runs
    const unrelated = uitschrijving(other);
    await commit([later]);
    await commit([unrelated]);

    const idle = relay(); // not started: each publishPending is one deterministic pass
    expect(await idle.publishPending()).toBe(1);
    expect((await idle.backlog()).held).toBe(2);
    expect((await idle.backlog()).size).toBe(3);

    expect(await hold.release()).toBe(2);
    expect(await hold.release()).toBe(0);
    expect(await idle.publishPending()).toBe(3);
    const all = [...heldEvents, later, unrelated];
    await eventually(
      () => onBus(ids(all)).length,
      (n) => n === 4,
    );
    expect(ids(onBus(ids(all)).filter((e) => e.subject === held))).toEqual(ids([...heldEvents, later]));
  });

  it('wakes the running relay when released', async () => {
    await startedRelay({ pollIntervalMs: 30_000 }); // only the release's notify can explain a quick delivery
    const hold = new OutboxHold(bed.dataSource);
    const events = [uitschrijving(subject()), uitschrijving(subject())];
    await commit(events, hold);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(onBus(ids(events))).toHaveLength(0);
    await hold.release();
    await eventually(
      () => onBus(ids(events)).length,
      (n) => n === 2,
      5_000,
    );
  });

  it('renewed once due: what it held so far is released, and what comes after is held under a new id', async () => {
    const hold = new OutboxHold(bed.dataSource, 200);
    const first = [uitschrijving(subject())];
    await commit(first, hold);
    expect(await hold.renewIfDue()).toBe(0); // not due yet
    const firstId = hold.id;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await hold.renewIfDue()).toBe(1);
    expect(hold.id).not.toBe(firstId);
    const second = [uitschrijving(subject())];
    await commit(second, hold);
    const heldBy = async (events: CloudEvent[]) =>
      ((await bed.dataSource.query(`SELECT held_by FROM outbox WHERE event_id = $1`, [events[0]!.id])) as { held_by: string | null }[])[0]!
        .held_by;
    expect(await heldBy(first)).toBeNull();
    expect(await heldBy(second)).toBe(hold.id);
    expect(await hold.release()).toBe(1);
  });

  it('left by a process that crashed, is released by the next relay at its start', async () => {
    const events = [uitschrijving(subject()), uitschrijving(subject())];
    await commit(events, new OutboxHold(bed.dataSource)); // nobody will release this hold
    await relay().start();
    await eventually(
      () => onBus(ids(events)).length,
      (n) => n === 2,
    );
    expect(await heldCount()).toBe(0);
  });

  it('that its live process never releases is released once its rows are holdTimeoutMs old', async () => {
    await startedRelay({ pollIntervalMs: 100, holdTimeoutMs: 1_500 });
    const events = [uitschrijving(subject())];
    const committedAt = Date.now();
    await commit(events, new OutboxHold(bed.dataSource));
    await eventually(
      () => onBus(ids(events)).length,
      (n) => n === 1,
      10_000,
    );
    expect(Date.now() - committedAt).toBeGreaterThanOrEqual(1_500);
    expect(await heldCount()).toBe(0);
  });
});
