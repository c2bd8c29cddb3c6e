import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import {
  createEvent,
  uitschrijvingRegistered,
  vsvMeldingRegistered,
  type CloudEvent,
  type UitschrijvingRegisteredData,
} from '@estafette/contracts';
import { createKafka, EventPublisher, Outbox } from '@estafette/messaging';
import {
  createTestDatabase,
  provisionTestTopics,
  startTestIssuer,
  uniqueTopicPrefix,
  type TestDatabase,
  type TestIssuer,
  kafkaAccess,
} from '@estafette/testing';
import { logLevel } from 'kafkajs';
import { createServiceApp, HandlesEvent, serviceModule, type ServiceConfig } from '../src/index.js';

/** A service in miniature: each uitschrijving it consumes stages a vsv-melding in its outbox; one of them always fails. */
@Module({})
class MeteredModule {}

const POISON_MUNICIPALITY = 'GM0999';

@Injectable()
class StageMelding {
  @HandlesEvent(uitschrijvingRegistered)
  async registered(event: CloudEvent<UitschrijvingRegisteredData>, manager: EntityManager): Promise<void> {
    if (event.data.municipalityOfResidence === POISON_MUNICIPALITY) throw new Error('poison');
    await Outbox.add(
      manager,
      createEvent(vsvMeldingRegistered, { ...vsvMeldingRegistered.example, subject: event.subject, id: randomUUID() }),
    );
  }
}

function meteredModule(config: ServiceConfig) {
  return serviceModule({
    module: MeteredModule,
    config,
    entities: [],
    migrations: [],
    providers: [StageMelding],
  });
}

const uitschrijving = (municipalityOfResidence = 'GM0363') =>
  createEvent(uitschrijvingRegistered, {
    ...uitschrijvingRegistered.example,
    id: randomUUID(),
    data: { ...uitschrijvingRegistered.example.data, uitschrijvingId: randomUUID(), municipalityOfResidence },
  });

/** The value of one series in Prometheus text format, 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

async function until(probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('every service exposes Prometheus metrics that move when events flow', () => {
  const prefix = uniqueTopicPrefix();
  const publisher = new EventPublisher(createKafka({ ...kafkaAccess(), clientId: 'metrics-test', logLevel: logLevel.NOTHING }), prefix);
  let db: TestDatabase;
  let issuer: TestIssuer;
  let app: INestApplication;
  let base: string;
  const scrape = async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return res.text();
  };

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    [db, issuer] = await Promise.all([createTestDatabase('metrics'), startTestIssuer()]);
    const config: ServiceConfig = {
      name: 'metered',
      port: 0,
      host: '127.0.0.1',
      databaseUrl: db.url,
      migrationUrl: db.ownerUrl,
      // A service of no kind: it connects as the ops principal, which may use any topic and group of the prefix.
      kafkaBrokers: kafkaAccess().brokers,
      kafkaSasl: kafkaAccess().sasl,
      topicPrefix: prefix,
      oidcIssuer: issuer.issuer,
      oidcAudience: issuer.audience,
      oidcJwksUrl: issuer.jwksUrl,
    };
    app = await createServiceApp(meteredModule(config) as never, { title: 'metered', logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await publisher.disconnect();
    await Promise.all([db?.drop(), issuer?.close()]);
  });

  test('events in and out per type, handler latency, dead letters, outbox backlog and HTTP latency', async () => {
    const before = await scrape();
    const consumed = (t: string) =>
      sample(t, 'estafette_events_consumed_total', { type: uitschrijvingRegistered.type, outcome: 'processed' });
    const published = (t: string) => sample(t, 'estafette_events_published_total', { type: vsvMeldingRegistered.type });
    const handled = (t: string) => sample(t, 'estafette_event_handler_duration_seconds_count', { type: uitschrijvingRegistered.type });
    const deadLettered = (t: string) => sample(t, 'estafette_events_dead_lettered_total', { topic: `${prefix}estafette.uitschrijving` });
    const retried = (t: string) => sample(t, 'estafette_event_retries_total', { type: uitschrijvingRegistered.type });

    await publisher.publish(uitschrijving());
    await publisher.publish(uitschrijving());
    await publisher.publish(uitschrijving(POISON_MUNICIPALITY));
    let after = '';
    await until(async () => {
      after = await scrape();
      return (
        consumed(after) === consumed(before) + 2 &&
        published(after) === published(before) + 2 &&
        deadLettered(after) === deadLettered(before) + 1
      );
    });
    expect(handled(after)).toBe(handled(before) + 2);
    expect(retried(after)).toBeGreaterThan(retried(before));
    expect(after).toContain('service="metered"');
    expect(sample(after, 'estafette_outbox_backlog_size')).toBe(0);
    expect(sample(after, 'estafette_outbox_held_size')).toBe(0);
    expect(sample(after, 'estafette_outbox_relay_running')).toBe(1);
    // The scrapes above were timed too, under their route template.
    expect(
      sample(after, 'estafette_http_request_duration_seconds_count', { method: 'GET', route: '/metrics', status: '200' }),
    ).toBeGreaterThan(0);
  });

  test('HTTP latency is labelled by route template as the router matched it; a path that matches no route is "unmatched"', async () => {
    expect((await fetch(`${base}/nothing-here/pr_SECRET`)).status).toBe(404);
    expect((await fetch(`${base}/HEALTH/`)).status).toBe(200);
    const text = await scrape();
    const count = (labels: Record<string, string>) => sample(text, 'estafette_http_request_duration_seconds_count', labels);
    expect(count({ method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThan(0);
    expect(count({ method: 'GET', route: '/health', status: '200' })).toBeGreaterThan(0);
    expect(text).not.toMatch(/nothing-here|pr_SECRET|HEALTH/);
  });

  test('readiness includes the outbox relay', async () => {
    const res = await fetch(`${base}/health`);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      checks: { database: { status: 'up' }, kafka: { status: 'up' }, outboxRelay: { status: 'up' } },
    });
  });
});
