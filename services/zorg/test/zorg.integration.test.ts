import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createEvent, overdrachtOffered, plaatsingPlaced, uitvalNaPlaatsingRegistered, type CloudEvent } from '@estafette/contracts';
import { createKafka, EventPublisher, fromKafkaMessage, topicName } from '@estafette/messaging';
import { createTestDatabase, eventually, kafkaBrokers, provisionTestTopics, startTestIssuer, uniqueTopicPrefix, type TestDatabase, type TestIssuer } from '@estafette/testing';
import type { Consumer } from 'kafkajs';
import { createZorgApp } from '../src/create-zorg-app.js';

// Response bodies are read loosely: the assertions below say what they must contain.
type Json = Record<string, any>;

const us = { organisationType: 'zorg' as const, id: 'agb:12345678' };
const rmc = { organisationType: 'rmc' as const, id: 'rmc:RMC23' };
const today = new Date().toISOString().slice(0, 10);

describe('zorg as receiver, against a real broker and database', () => {
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'zorg-test' });
  const bus = new EventPublisher(kafka, prefix);
  const seen: CloudEvent[] = [];
  let observer: Consumer;
  let db: TestDatabase;
  let issuer: TestIssuer;
  let app: INestApplication;
  let consulent: string;

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('zorgintegration');
    issuer = await startTestIssuer();
    consulent = await issuer.issueToken({ role: 'zorg-consulent', organisationType: 'zorg', organisationId: us.id, sub: 'zorg-1' });
    observer = kafka.consumer({ groupId: `${prefix}observer` });
    await observer.connect();
    await observer.subscribe({ topics: ['estafette.plaatsing', 'estafette.uitval-na-plaatsing'].map((t) => topicName(prefix, t)), fromBeginning: true });
    await observer.run({ eachMessage: async ({ message }) => void seen.push(fromKafkaMessage(message)) });
    app = await createZorgApp(
      { name: 'zorg', port: 0, host: '127.0.0.1', databaseUrl: db.url, kafkaBrokers: kafkaBrokers(), topicPrefix: prefix, oidcIssuer: issuer.issuer, oidcAudience: issuer.audience, oidcJwksUrl: issuer.jwksUrl },
      { timerIntervalMs: 60_000, publicUrl: 'http://zorg.test' },
      false,
    );
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await observer?.disconnect();
    await bus.disconnect();
    await issuer?.close();
    await db?.drop();
  });

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${await app.getUrl()}${path}`, { method, headers: { authorization: `Bearer ${consulent}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, body: (await res.json()) as Json };
  }

  test('a care trajectory: accepted, placed in a zorgtraject, dropped out at 17: back to the RMC; the events carry signals only', async () => {
    const overdrachtId = randomUUID();
    const subject = 'pr_0123456789ABCDEFGHJKMNPQRS';
    await bus.publish(createEvent(overdrachtOffered, {
      source: 'urn:nld:rmc:RMC23:estafette-rmc', subject,
      data: { overdrachtId, from: rmc, to: us, purpose: 'zorg', handoverReason: 'ondersteuning-nodig', legalBasis: 'toestemming', toestemmingId: randomUUID(), responseDueAt: new Date(Date.now() + 86_400_000).toISOString(), ageAtOffer: 17, municipalityOfResidence: 'GM0363' },
    }));
    await eventually(async () => ((await call('GET', `/verwijzingen/${overdrachtId}`)).status === 200 ? true : undefined));
    // No zoekperiode at a care provider: the route does not exist here.
    expect((await call('POST', `/verwijzingen/${overdrachtId}/zoekperiode`, { appliedOn: today })).status).toBe(404);
    expect((await call('POST', `/verwijzingen/${overdrachtId}/acceptatie`, { contactPerson: 'M. Jansen, wijkteam' })).status).toBe(201);
    const placed = await call('POST', `/verwijzingen/${overdrachtId}/plaatsing`, { placementType: 'zorgtraject', startDate: today });
    expect(placed.status).toBe(201);
    const placedEvent = await eventually(() => seen.find((e) => e.type === plaatsingPlaced.type && (e.data as Json).plaatsingId === placed.body.id));
    expect(Object.keys(placedEvent.data as Json).sort()).toEqual(['ageAtPlacement', 'followUpChecks', 'municipalityOfResidence', 'overdrachtId', 'plaatsingId', 'placedBy', 'placementType', 'startDate']);
    expect(JSON.stringify(placedEvent)).not.toContain('Jansen');

    expect((await call('POST', `/plaatsingen/${placed.body.id}/uitval`, { dropoutDate: today, reason: 'traject-afgebroken' })).body).toMatchObject({ returnsTo: rmc });
    const uitval = await eventually(() => seen.find((e) => e.type === uitvalNaPlaatsingRegistered.type && (e.data as Json).plaatsingId === placed.body.id));
    expect(uitval.data).toMatchObject({ reportedBy: us, returnsTo: rmc, placementType: 'zorgtraject', ageAtDropout: 17 });
  });
});
