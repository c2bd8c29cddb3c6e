import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { regieEnded, topics, vsvMeldingPeriodicContactOverdue } from '@estafette/contracts';
import { createKafka, EventPublisher, topicName } from '@estafette/messaging';
import {
  eventually,
  sql,
  startServiceUnderTest,
  startTestIssuer,
  uniqueTopicPrefix,
  type ServiceUnderTest,
  type TestIssuer,
  kafkaAccess,
} from '@estafette/testing';
import type { Consumer } from 'kafkajs';
import { FireDueTimers } from '../src/application/fire-due-timers.js';
import { createRmcApp } from '../src/create-rmc-app.js';
import { startOrganisations, type OrganisationsUnderTest } from '../../organisations/test/support/start-organisations.js';
import { pseudonym, rmcSettings, uitschrijving } from './support.js';

// Response bodies are read loosely: the assertions below say what they must contain.
type Json = Record<string, any>;

/**
 * The consulent's day on the real broker and database with an injected clock (issue 22): the plan van aanpak makes a
 * task `traject`, in versions; its next step's date puts the task back on top of the worklist once, also across a
 * restart; periodic contact (MC21: every 3 months, the default) flags a task after its period and not a minute before;
 * notes have a length limit and never travel on the bus. Expected dates and instants are written by hand.
 */
describe("the consulent's day: plan van aanpak, notes, periodic contact", () => {
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ ...kafkaAccess(), clientId: 'rmc-consulent-day-test' });
  const school = new EventPublisher(kafka, prefix);
  /** Every record on every topic and dead-letter topic of this run, as raw text (headers and value). */
  const rawOnBus: { topic: string; text: string; type?: string; subject?: string }[] = [];
  // 10:00 on Tuesday 1 September 2026, Amsterdam (summer time).
  let now = new Date('2026-09-01T08:00:00Z');
  let rmc: ServiceUnderTest<INestApplication>;
  let app: INestApplication;
  let url: string;
  let issuer: TestIssuer;
  let organisations: OrganisationsUnderTest;
  let observer: Consumer;
  let consulent: string;

  // Timers only fire when a test says so (the scheduler's interval is an hour).
  const createRmc = (config: ServiceUnderTest<INestApplication>['config']) =>
    createRmcApp({ ...config, clock: () => now }, rmcSettings(60 * 60_000), false);

  beforeAll(async () => {
    issuer = await startTestIssuer();
    organisations = await startOrganisations(issuer);
    rmc = await startServiceUnderTest('rmcday', createRmc, { prefix, issuer, organisations: organisations.access('rmc') });
    app = rmc.app;
    url = rmc.url;
    consulent = await issuer.issueToken({
      role: 'rmc-consulent',
      organisationType: 'rmc',
      organisationId: 'rmc:MC21',
      sub: 'consulent-dag',
    });
    observer = kafka.consumer({ groupId: `${prefix}observer` });
    await observer.connect();
    for (const topic of topics) {
      await observer.subscribe({ topic: topicName(prefix, topic.name), fromBeginning: true });
      await observer.subscribe({ topic: topicName(prefix, topic.deadLetterTopic), fromBeginning: true });
    }
    await observer.run({
      eachMessage: async ({ topic, message }) => {
        const headers = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${String(v)}`);
        const header = (name: string) => message.headers?.[name]?.toString();
        rawOnBus.push({
          topic,
          text: `${message.key?.toString() ?? ''} ${headers.join(' ')} ${message.value?.toString() ?? ''}`,
          type: header('ce_type'),
          subject: header('ce_subject'),
        });
      },
    });
  });

  afterAll(async () => {
    await observer?.disconnect();
    await school.disconnect();
    await app?.close();
    await rmc?.db.drop();
    await organisations?.close();
    await issuer?.close();
  });

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${consulent}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  async function newTask(): Promise<Json> {
    const subject = pseudonym();
    await school.publish(uitschrijving(subject, { date: '2026-08-31' }));
    return eventually(async () =>
      (await call('GET', '/taken?pageSize=500')).body.items.find((t: Json) => t.pseudonymousReference === subject),
    );
  }

  const contact = (taakId: string, extra: Json = {}) =>
    call('POST', `/taken/${taakId}/contactmomenten`, { kind: 'contact', channel: 'telefoon', outcome: 'bereikt', ...extra });
  const plan = (taakId: string, nextStepOn: string, extra: Json = {}) =>
    call('POST', `/taken/${taakId}/plan`, {
      goals: 'Een opleiding kiezen',
      agreements: 'Samen naar open dagen',
      nextStep: 'Open dag ROC bezoeken',
      nextStepOn,
      ...extra,
    });
  const task = async (id: string) => (await call('GET', `/taken/${id}`)).body;
  const timersOf = (taakId: string, kind: string) =>
    sql<{ due_at: Date; fired_at: Date | null }>(rmc.db.url, 'SELECT due_at, fired_at FROM timer WHERE taak_id = $1 AND kind = $2', [
      taakId,
      kind,
    ]);
  const fire = () => app.get(FireDueTimers).run();

  test('a plan before contact is a 409 with the reason; after contact it makes the task traject, every change a version', async () => {
    now = new Date('2026-09-01T08:00:00Z');
    const t = await newTask();
    const early = await plan(t.id, '2026-09-15');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ reason: 'nog-geen-contact' });
    expect(early.body.message).toContain('needs contact with the young person first');
    expect((await task(t.id)).status).toBe('nieuw');

    expect((await contact(t.id)).status).toBe(201);
    const first = await plan(t.id, '2026-09-15', { previousVersion: 0 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, nextStepOn: '2026-09-15', changedBy: 'consulent-dag' });
    expect(await task(t.id)).toMatchObject({ status: 'traject', nextStepOn: '2026-09-15', terugBovenaan: false });

    const second = await plan(t.id, '2026-09-22', { previousVersion: 1, goals: 'Een opleiding kiezen en een bijbaan zoeken' });
    expect(second.body).toMatchObject({ version: 2, nextStepOn: '2026-09-22' });
    const stale = await plan(t.id, '2026-09-29', { previousVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('plan-gewijzigd');

    const current = await call('GET', `/taken/${t.id}/plan`);
    expect(current.body).toMatchObject({ version: 2, goals: 'Een opleiding kiezen en een bijbaan zoeken', nextStepOn: '2026-09-22' });
    const newest = await call('GET', `/taken/${t.id}/plan/versies?pageSize=1`);
    expect(newest.body).toMatchObject({ total: 2, page: 1, items: [{ version: 2 }] });
    const oldest = await call('GET', `/taken/${t.id}/plan/versies?pageSize=1&page=2`);
    expect(oldest.body.items).toEqual([expect.objectContaining({ version: 1, goals: 'Een opleiding kiezen', changedBy: 'consulent-dag' })]);
    // One next-step timer, re-armed to 00:00 on 22 September (Amsterdam summer time).
    const timers = await timersOf(t.id, 'next-step-due');
    expect(timers.map((r) => r.due_at.toISOString())).toEqual(['2026-09-21T22:00:00.000Z']);

    const past = await plan(t.id, '2026-08-31');
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([{ field: 'nextStepOn', reason: 'nextStepOn must be today (2026-09-01) or later' }]);
    const traject = await call('GET', '/taken?status=traject&pageSize=500');
    expect(traject.body.items.map((i: Json) => i.id)).toContain(t.id);
  });

  test('the next step puts the task on top of the worklist at 00:00 of its day, once across a restart; a new date re-arms it', async () => {
    now = new Date('2026-09-01T08:00:00Z');
    const t = await newTask();
    await contact(t.id);
    expect((await plan(t.id, '2026-09-03')).status).toBe(201);

    now = new Date('2026-09-02T21:59:00Z'); // 23:59 on 2 September
    await fire();
    expect((await task(t.id)).terugBovenaan).toBe(false);
    expect((await call('GET', '/taken?terugBovenaan=true')).body.total).toBe(0);

    const firedAt = new Date('2026-09-02T22:00:00Z'); // 00:00 on 3 September
    now = firedAt;
    await fire();
    expect((await task(t.id)).terugBovenaan).toBe(true);
    expect((await call('GET', '/taken?pageSize=1')).body.items[0].id).toBe(t.id);
    const flagged = await call('GET', '/taken?terugBovenaan=true');
    expect(flagged.body).toMatchObject({ total: 1, items: [{ id: t.id }] });

    // Restart on the same database, and the timers run again later: the one effect stays the first one.
    await app.close();
    app = await createRmc(rmc.config);
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    now = new Date('2026-09-03T10:00:00Z');
    await fire();
    const [timer] = await timersOf(t.id, 'next-step-due');
    expect(timer!.fired_at?.toISOString()).toBe(firedAt.toISOString());
    const [row] = await sql<{ back_on_top_since: Date }>(rmc.db.url, 'SELECT back_on_top_since FROM taak WHERE id = $1', [t.id]);
    expect(row!.back_on_top_since.toISOString()).toBe(firedAt.toISOString());
    expect((await call('GET', '/taken?terugBovenaan=true')).body.total).toBe(1);

    // A new date: off the top, and the same one timer asks again on 10 September.
    expect((await plan(t.id, '2026-09-10')).body.version).toBe(2);
    expect((await task(t.id)).terugBovenaan).toBe(false);
    const rearmed = await timersOf(t.id, 'next-step-due');
    expect(rearmed).toEqual([{ due_at: new Date('2026-09-09T22:00:00Z'), fired_at: null }]);
  });

  test('periodic contact: flagged when three months pass without contact, not a minute before; contact clears it, an attempt does not', async () => {
    now = new Date('2026-09-01T08:00:00Z');
    const [late, recent, closed] = [await newTask(), await newTask(), await newTask()];
    for (const t of [late, recent, closed]) await contact(t.id);
    expect((await task(late.id)).periodiekContactUiterlijk).toBe('2026-12-01');
    expect((await call('POST', `/taken/${closed.id}/sluiting`, { reason: 'emigratie' })).status).toBe(201);
    now = new Date('2026-10-01T08:00:00Z');
    await contact(recent.id);
    expect((await task(recent.id)).periodiekContactUiterlijk).toBe('2027-01-01');
    // The one timer per task was re-armed, not doubled.
    expect(await timersOf(recent.id, 'periodic-contact-due')).toHaveLength(1);

    now = new Date('2026-12-01T22:59:00Z'); // 23:59 on 1 December (Amsterdam winter time): still in time
    await fire();
    expect((await task(late.id)).periodiekContactTeLaat).toBe(false);

    now = new Date('2026-12-01T23:00:00Z'); // 00:00 on 2 December
    await fire();
    expect((await task(late.id)).periodiekContactTeLaat).toBe(true);
    const overdue = await call('GET', '/taken?periodicContactOverdue=true&pageSize=500');
    const ids = overdue.body.items.map((i: Json) => i.id);
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(recent.id);
    expect(ids).not.toContain(closed.id);
    expect(overdue.body.total).toBe(ids.length);
    // Published once for the steering figures, with ids and dates only.
    const published = await eventually(() =>
      rawOnBus.filter((m) => m.type === vsvMeldingPeriodicContactOverdue.type && m.subject === late.pseudonymousReference).length === 1
        ? true
        : undefined,
    );
    expect(published).toBe(true);
    expect(rawOnBus.some((m) => m.type === vsvMeldingPeriodicContactOverdue.type && m.subject === recent.pseudonymousReference)).toBe(
      false,
    );

    now = new Date('2026-12-02T09:00:00Z');
    await call('POST', `/taken/${late.id}/contactmomenten`, { kind: 'poging', channel: 'telefoon', outcome: 'niet-bereikt' });
    expect((await task(late.id)).periodiekContactTeLaat).toBe(true);
    await contact(late.id);
    expect(await task(late.id)).toMatchObject({ periodiekContactTeLaat: false, periodiekContactUiterlijk: '2027-03-02' });
    expect((await call('GET', '/taken?periodicContactOverdue=true&pageSize=500')).body.items.map((i: Json) => i.id)).not.toContain(late.id);
  });

  test('a note longer than 4000 characters is refused naming the field and the limit; 4000 is kept', async () => {
    now = new Date('2026-09-01T08:00:00Z');
    const t = await newTask();
    const tooLong = await contact(t.id, { notitie: 'x'.repeat(4001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([{ field: 'notitie', reason: 'notitie must be at most 4000 characters (it has 4001)' }]);
    expect((await task(t.id)).contactMomenten).toHaveLength(0);
    expect((await contact(t.id, { notitie: 'x'.repeat(4000) })).status).toBe(201);
    const planTooLong = await plan(t.id, '2026-09-15', { goals: 'y'.repeat(4001) });
    expect(planTooLong.status).toBe(400);
    expect(planTooLong.body.errors[0]).toMatchObject({ field: 'goals', reason: expect.stringContaining('at most 4000 characters') });
    const later = await call('POST', `/taken/${t.id}/notities`, { bij: 'plan', tekst: 'z'.repeat(4001) });
    expect(later.status).toBe(400);
    expect(later.body.errors[0].field).toBe('tekst');
    const noPlan = await call('POST', `/taken/${t.id}/notities`, { bij: 'plan', tekst: 'Nog geen plan' });
    expect(noPlan.status).toBe(409);
    expect(noPlan.body.reason).toBe('geen-plan');
    expect((await task(t.id)).contactMomenten[0].notities[0].tekst).toHaveLength(4000);
    // A character PostgreSQL cannot store is a 400 naming the field, not a 500 (whose database error would log the text).
    const nul = await contact(t.id, { notitie: 'schulden\u0000' });
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([{ field: 'notitie', reason: 'notitie must not contain a NUL character (U+0000)' }]);
    expect((await task(t.id)).contactMomenten).toHaveLength(1);
  });

  test('notes are shown with the task, kept per pseudonymous reference, and their text is never on the bus', async () => {
    now = new Date('2026-09-01T08:00:00Z');
    const t = await newTask();
    const marker = `geheim-${randomUUID()}`;
    await contact(t.id, { notitie: `Afspraak gemaakt (${marker}-contact)` });
    await plan(t.id, '2026-09-15', { goals: `Doel ${marker}-doel`, notitie: `Moeder belt mee (${marker}-plan)` });
    const momentId = (await task(t.id)).contactMomenten[0].id;
    const added = await call('POST', `/taken/${t.id}/notities`, {
      bij: 'contactmoment',
      contactMomentId: momentId,
      tekst: `${marker}-later`,
    });
    expect(added.status).toBe(201);
    const wrongMoment = await call('POST', `/taken/${t.id}/notities`, { bij: 'contactmoment', contactMomentId: randomUUID(), tekst: 'x' });
    expect(wrongMoment.status).toBe(400);
    expect(wrongMoment.body.errors[0].field).toBe('contactMomentId');

    const detail = await task(t.id);
    expect(detail.contactMomenten[0].notities.map((n: Json) => n.tekst)).toEqual([
      `Afspraak gemaakt (${marker}-contact)`,
      `${marker}-later`,
    ]);
    const current = (await call('GET', `/taken/${t.id}/plan`)).body;
    expect(current.notities).toEqual([expect.objectContaining({ bij: 'plan', planVersion: 1, tekst: `Moeder belt mee (${marker}-plan)` })]);
    const stored = await sql<{ n: number }>(rmc.db.url, 'SELECT count(*)::int AS n FROM notitie WHERE pseudonymous_reference = $1', [
      t.pseudonymousReference,
    ]);
    expect(stored[0]!.n).toBe(3);

    // Closing publishes regie.ended after everything above: once it is on the bus, so is all that went before it.
    await call('POST', `/taken/${t.id}/sluiting`, { reason: 'emigratie' });
    await eventually(() => rawOnBus.find((r) => r.type === regieEnded.type && r.subject === t.pseudonymousReference));
    expect(rawOnBus.filter((r) => r.subject === t.pseudonymousReference).length).toBeGreaterThanOrEqual(2);
    expect(rawOnBus.filter((r) => r.text.includes(marker))).toEqual([]);
    expect(rawOnBus.filter((r) => r.text.includes('Moeder belt mee') || r.text.includes('Afspraak gemaakt'))).toEqual([]);
  });
});
