import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createEvent, overdrachtAccepted, overdrachtOffered, overdrachtWithdrawn, uitvalNaPlaatsingRegistered, type CloudEvent } from '@estafette/contracts';
import { createKafka, EventPublisher, fromKafkaMessage, topicName } from '@estafette/messaging';
import { createTestDatabase, eventually, kafkaBrokers, provisionTestTopics, sql, startTestIssuer, uniqueTopicPrefix, type TestDatabase, type TestIssuer } from '@estafette/testing';
import type { Consumer } from 'kafkajs';
import { FireDueChecks } from '@estafette/receiver';
import { createWerkInkomenApp } from '../src/create-werk-inkomen-app.js';

// Response bodies are read loosely: the assertions below say what they must contain.
type Json = Record<string, any>;

const us = { organisationType: 'werk-inkomen' as const, id: 'gemeente:GM0344' };
const rmc = { organisationType: 'rmc' as const, id: 'rmc:RMC25' };
const today = new Date().toISOString().slice(0, 10);
const subjectOf = () => `pr_${Array.from({ length: 26 }, () => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Math.floor(Math.random() * 32)]).join('')}`;

describe('Werk & Inkomen as receiver, against a real broker and database', () => {
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'wi-test' });
  const bus = new EventPublisher(kafka, prefix);
  const seen: CloudEvent[] = [];
  let observer: Consumer;
  let db: TestDatabase;
  let issuer: TestIssuer;
  let app: INestApplication;
  let consulent: string;
  let otherMunicipality: string;

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('wiintegration');
    issuer = await startTestIssuer();
    consulent = await issuer.issueToken({ role: 'wi-consulent', organisationType: 'werk-inkomen', organisationId: us.id, sub: 'wi-1' });
    otherMunicipality = await issuer.issueToken({ role: 'wi-consulent', organisationType: 'werk-inkomen', organisationId: 'gemeente:GM0363', sub: 'wi-2' });
    observer = kafka.consumer({ groupId: `${prefix}observer` });
    await observer.connect();
    await observer.subscribe({ topics: ['estafette.overdracht', 'estafette.uitval-na-plaatsing'].map((t) => topicName(prefix, t)), fromBeginning: true });
    await observer.run({ eachMessage: async ({ message }) => void seen.push(fromKafkaMessage(message)) });
    app = await createWerkInkomenApp(
      { name: 'werk-inkomen', port: 0, host: '127.0.0.1', databaseUrl: db.url, kafkaBrokers: kafkaBrokers(), topicPrefix: prefix, oidcIssuer: issuer.issuer, oidcAudience: issuer.audience, oidcJwksUrl: issuer.jwksUrl },
      { timerIntervalMs: 100, publicUrl: 'http://wi.test' },
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

  async function call(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${await app.getUrl()}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, body: (await res.json()) as Json };
  }

  /** An offer from the Utrecht RMC, as it comes off the bus, and the referral it becomes. */
  async function referral(ageAtOffer: number, to: { organisationType: 'werk-inkomen' | 'zorg'; id: string } = us) {
    const overdrachtId = randomUUID();
    const subject = subjectOf();
    const offer = createEvent(overdrachtOffered, {
      source: 'urn:nld:rmc:RMC25:estafette-rmc', subject, dataref: `http://rmc.test/overdrachten/${overdrachtId}`,
      data: {
        overdrachtId, from: rmc, to, purpose: 'werk', handoverReason: 'school-geen-optie', legalBasis: 'publieke-taak',
        responseDueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), ageAtOffer, municipalityOfResidence: 'GM0344',
      },
    });
    await bus.publish(offer);
    await bus.publish(offer); // redelivery files it once
    return { overdrachtId, subject, offer };
  }
  const inInbox = (overdrachtId: string) => eventually(async () => (await call(consulent, 'GET', '/verwijzingen')).body.items.find((r: Json) => r.overdrachtId === overdrachtId));

  test('the inbox files offers to this organisation once, scoped per municipality; offers to zorg pass by', async () => {
    const mine = await referral(19);
    const forZorg = await referral(19, { organisationType: 'zorg', id: 'agb:12345678' });
    await inInbox(mine.overdrachtId);
    const rows = await sql<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM verwijzing WHERE overdracht_id = ANY($1)', [[mine.overdrachtId, forZorg.overdrachtId]]);
    await eventually(async () => ((await sql<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [forZorg.offer.id]))[0]!.n === 1 ? true : undefined));
    expect(rows[0]!.n).toBe(1);
    expect((await call(otherMunicipality, 'GET', `/verwijzingen/${mine.overdrachtId}`)).status).toBe(404);
    expect((await call(otherMunicipality, 'POST', `/verwijzingen/${mine.overdrachtId}/acceptatie`, { contactPerson: 'x' })).status).toBe(404);
  });

  test('accepting names a contact person that stays here: the accepted event carries parties and a date only', async () => {
    const { overdrachtId } = await referral(19);
    await inInbox(overdrachtId);
    const accepted = await call(consulent, 'POST', `/verwijzingen/${overdrachtId}/acceptatie`, { contactPerson: 'A. Bakker', firstContactPlannedOn: today });
    expect(accepted.status).toBe(201);
    expect(accepted.body.contactPerson).toBe('A. Bakker');
    const event = await eventually(() => seen.find((e) => e.type === overdrachtAccepted.type && (e.data as Json).overdrachtId === overdrachtId));
    expect(event.data).toEqual({ overdrachtId, from: rmc, to: us, firstContactPlannedOn: today });
    expect(JSON.stringify(event)).not.toContain('Bakker');
  });

  test('zoekperiode: 4 weeks for an 18-27 benefit applicant, a recorded waiver, refused under 18', async () => {
    const adult = await referral(19);
    const minor = await referral(17);
    await inInbox(adult.overdrachtId);
    await inInbox(minor.overdrachtId);
    const started = await call(consulent, 'POST', `/verwijzingen/${adult.overdrachtId}/zoekperiode`, { appliedOn: '2026-11-02' });
    expect(started.body).toMatchObject({ zoekperiodeEndDate: '2026-11-30', zoekperiodeWaiver: null });
    const waived = await call(consulent, 'POST', `/verwijzingen/${adult.overdrachtId}/zoekperiode`, { appliedOn: '2026-11-02', waiverReason: 'dakloos' });
    expect(waived.body).toMatchObject({ zoekperiodeEndDate: null, zoekperiodeWaiver: 'dakloos' });
    expect((await call(consulent, 'POST', `/verwijzingen/${minor.overdrachtId}/zoekperiode`, { appliedOn: '2026-11-02' })).status).toBe(422);
  });

  test('a withdrawn offer can no longer be accepted', async () => {
    const { overdrachtId, subject } = await referral(19);
    await inInbox(overdrachtId);
    await bus.publish(createEvent(overdrachtWithdrawn, { source: 'urn:nld:rmc:RMC25:estafette-rmc', subject, data: { overdrachtId, from: rmc, to: us, reason: 'verkeerde-ontvanger' } }));
    await eventually(async () => ((await call(consulent, 'GET', `/verwijzingen/${overdrachtId}`)).body.status === 'ingetrokken' ? true : undefined));
    expect((await call(consulent, 'POST', `/verwijzingen/${overdrachtId}/acceptatie`, { contactPerson: 'x' })).status).toBe(409);
  });

  test('from 23 a failed placement stays with Werk & Inkomen; the follow-up timer fires once and drop-out cancels later checks', async () => {
    const { overdrachtId } = await referral(23);
    await inInbox(overdrachtId);
    expect((await call(consulent, 'POST', `/verwijzingen/${overdrachtId}/plaatsing`, { placementType: 'participatieplek', startDate: today })).status).toBe(409); // not accepted yet
    await call(consulent, 'POST', `/verwijzingen/${overdrachtId}/acceptatie`, { contactPerson: 'A. Bakker' });
    const placed = await call(consulent, 'POST', `/verwijzingen/${overdrachtId}/plaatsing`, { placementType: 'participatieplek', startDate: today });
    expect(placed.status).toBe(201);
    await sql(db.url, "UPDATE follow_up_check SET due_at = now() - interval '1 minute' WHERE plaatsing_id = $1 AND check_type = 'na-2-maanden'", [placed.body.id]);
    await eventually(async () => ((await call(consulent, 'GET', '/plaatsingen/follow-up-checks')).body.items.some((c: Json) => c.plaatsingId === placed.body.id) ? true : undefined));
    const fired = await sql<{ fired_at: Date }>(db.url, "SELECT fired_at FROM follow_up_check WHERE plaatsing_id = $1 AND check_type = 'na-2-maanden'", [placed.body.id]);
    // Firing again (another instance, another tick) finds nothing: the timer is spent.
    expect(await app.get(FireDueChecks).run()).toBe(0);
    expect(await sql(db.url, "SELECT fired_at FROM follow_up_check WHERE plaatsing_id = $1 AND check_type = 'na-2-maanden'", [placed.body.id])).toEqual(fired);

    const uitval = await call(consulent, 'POST', `/plaatsingen/${placed.body.id}/uitval`, { dropoutDate: today, reason: 'traject-afgebroken' });
    expect(uitval.body).toMatchObject({ status: 'uitgevallen', returnsTo: us });
    const event = await eventually(() => seen.find((e) => e.type === uitvalNaPlaatsingRegistered.type && (e.data as Json).plaatsingId === placed.body.id));
    expect(event.data).toMatchObject({ ageAtDropout: 23, returnsTo: us, reportedBy: us });
    const plaatsing = (await call(consulent, 'GET', `/plaatsingen/${placed.body.id}`)).body;
    expect(plaatsing.followUpChecks.map((c: Json) => c.outcome)).toEqual(['vervallen-door-uitval', 'vervallen-door-uitval']);
    expect((await call(consulent, 'POST', `/plaatsingen/${placed.body.id}/uitval`, { dropoutDate: today, reason: 'anders' })).status).toBe(409);
  });
});
