import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { addDays, addMonths, startOfDay, today } from '@estafette/calendar';
import { createKafka, EventPublisher } from '@estafette/messaging';
import { RetentionRunner } from '@estafette/privacy';
import { kafkaAccess, measuredRetentionRun, rowsMentioning, sql, startServiceUnderTest, type ServiceUnderTest } from '@estafette/testing';
import { SteeringFigures } from '../src/application/steering-figures.js';
import { createMonitorApp } from '../src/create-monitor-app.js';
import { eventually, offer, pseudonym, vsvMelding } from './support.js';

/**
 * The monitor's bewaartermijnen on the real broker and database with an injected clock: two years after a young
 * person's last event their pseudonym is replaced in every event of theirs, so the steering figures of the period stay
 * exactly the same (an offer names no region and takes it from the same person's vsv-melding: the join must hold); a
 * dead letter is cleared after 90 days. The audit line's counts equal what changed; a second run says 0.
 */
describe('monitor retention: pseudonyms replaced, figures unchanged', () => {
  let now = new Date();
  const start = today(now);
  let monitor: ServiceUnderTest<INestApplication>;
  let bus: EventPublisher;
  const people = Array.from({ length: 12 }, () => pseudonym());
  const measures = {
    'flow-event-pseudoniem': { query: "SELECT count(*)::int AS n FROM flow_event WHERE subject NOT LIKE 'anon:%'" },
    'dead-letter': {
      query:
        "SELECT count(*)::int AS n FROM dead_letter WHERE record_key IS NOT NULL OR record_value IS NOT NULL OR headers <> '{}'::jsonb",
    },
    'access-log': ['access_log'],
    outbox: ['outbox'],
  };
  const at = (date: string) => new Date(`${date}T10:00:00Z`);

  beforeAll(async () => {
    monitor = await startServiceUnderTest('monitorretention', (config) => createMonitorApp({ ...config, clock: () => now }, false));
    bus = new EventPublisher(createKafka({ ...kafkaAccess(), clientId: 'monitorretention-test' }), monitor.config.topicPrefix);
  });

  afterAll(async () => {
    await bus?.disconnect();
    await monitor?.close();
  });

  test('two years after the last event the pseudonyms are gone, the steering figures of the period identical', async () => {
    for (const person of people) {
      await bus.publish(vsvMelding(person, 'MC21'));
      await bus.publish(offer(person));
    }
    await eventually(async () => {
      const [{ n }] = await sql<{ n: number }>(monitor.db.url, 'SELECT count(*)::int AS n FROM flow_event');
      return n === people.length * 2 || undefined;
    });
    // A dead letter as the watcher stores it: the failed record with its key (the pseudonym) and headers.
    await sql(
      monitor.db.url,
      `INSERT INTO dead_letter (dlq_topic, dlq_partition, dlq_offset, original_topic, reason, headers, record_key, record_value)
       VALUES ('estafette.overdracht.dlq', 0, '1', 'estafette.overdracht', 'test', '{"ce_subject":"x"}', $1, $2)`,
      [Buffer.from(people[0]!), Buffer.from('{}')],
    );
    const steering = monitor.app.get(SteeringFigures);
    const from = startOfDay(addMonths(start, -1));
    const to = startOfDay(addMonths(start, 1));
    const before = await steering.figures('region', 'month', from, to);
    const mc21 = before.find((row) => row.area === 'MC21');
    // Twelve of each, above the small-cell threshold: a broken join would move the offers to another area.
    expect(mc21?.figures).toMatchObject({ vsvRegistrations: 12, handoversOffered: 12 });
    const run = () => monitor.app.get(RetentionRunner).runNow();

    // Within the period (the last day of two years): the pseudonyms stay; the dead letter is past its 90 days.
    now = at(addMonths(start, 24));
    const within = await measuredRetentionRun(monitor.db.url, measures, run);
    expect(within.counts).toMatchObject({ 'flow-event-pseudoniem': 0, 'dead-letter': 1 });
    expect(within.counts).toEqual(within.changed);
    expect(await rowsMentioning(monitor.db.url, people[1]!)).toEqual({ flow_event: 2 });

    // The day after: every event of every person pseudonymised, one random reference per person.
    now = at(addDays(addMonths(start, 24), 1));
    const past = await measuredRetentionRun(monitor.db.url, measures, run);
    expect(past.counts['flow-event-pseudoniem']).toBe(people.length * 2);
    expect(past.counts).toEqual(past.changed);
    for (const person of people) expect(await rowsMentioning(monitor.db.url, person)).toEqual({});
    const [{ n }] = await sql<{ n: number }>(monitor.db.url, 'SELECT count(DISTINCT subject)::int AS n FROM flow_event');
    expect(n).toBe(people.length);
    expect(await steering.figures('region', 'month', from, to)).toEqual(before);

    const again = await measuredRetentionRun(monitor.db.url, measures, run);
    expect(again.counts).toEqual({ 'flow-event-pseudoniem': 0, 'dead-letter': 0, 'access-log': 0, outbox: 0 });
    expect(again.counts).toEqual(again.changed);
  });
});
