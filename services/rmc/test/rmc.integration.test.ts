import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import {
  uitschrijvingRegistered,
  vsvMeldingBuitenBeeld,
  vsvMeldingCancelled,
  vsvMeldingFirstContactOverdue,
  vsvMeldingRegistered,
  type CloudEvent,
} from '@estafette/contracts';
import { createKafka, EventPublisher, fromKafkaMessage, toKafkaMessage, topicName } from '@estafette/messaging';
import {
  createTestDatabase,
  provisionTestTopics,
  sql as runSql,
  startTestIssuer,
  uniqueTopicPrefix,
  type TestDatabase,
  type TestIssuer,
  kafkaAccess,
  serviceKafka,
} from '@estafette/testing';
import type { Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { createRmcApp } from '../src/create-rmc-app.js';
import { addWorkingDays, holidayRulesFor } from '@estafette/calendar';
import { daysAgo, eventually, inschrijving, pseudonym, rmcSettings, uitschrijving } from './support.js';

describe('RMC service against a real broker and database', () => {
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ ...kafkaAccess(), clientId: 'rmc-test' });
  const school = new EventPublisher(kafka, prefix);
  const onBus: CloudEvent[] = [];
  let db: TestDatabase;
  let issuer: TestIssuer;
  let observer: Consumer;
  let app: INestApplication | undefined;
  let base: string;
  let amsterdam: string;
  let utrecht: string;

  const config = () => ({
    name: 'rmc',
    port: 0,
    host: '127.0.0.1',
    databaseUrl: db.url,
    migrationUrl: db.ownerUrl,
    ...serviceKafka('rmc'),
    topicPrefix: prefix,
    oidcIssuer: issuer.issuer,
    oidcAudience: issuer.audience,
    oidcJwksUrl: issuer.jwksUrl,
  });
  async function startApp(timerIntervalMs: number) {
    app = await createRmcApp(config(), rmcSettings(timerIntervalMs), false);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  }
  async function stopApp() {
    await app?.close();
    app = undefined;
  }
  const worklist = async (token: string, query = '') => {
    const res = await fetch(`${base}/taken${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as {
      items: {
        id: string;
        pseudonymousReference: string;
        status: string;
        firstContactDueDate: string;
        team: string;
        region: string;
        regionName: string | null;
        municipality: string;
        municipalityName: string | null;
      }[];
      total: number;
    };
  };
  const taskOf = async (subject: string) => (await worklist(amsterdam)).items.find((t) => t.pseudonymousReference === subject);

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('rmc');
    issuer = await startTestIssuer();
    amsterdam = await issuer.issueToken({
      role: 'rmc-consulent',
      organisationType: 'rmc',
      organisationId: 'rmc:MC21',
      sub: 'consulent-a',
    });
    utrecht = await issuer.issueToken({ role: 'rmc-consulent', organisationType: 'rmc', organisationId: 'rmc:MC19', sub: 'consulent-u' });
    observer = kafka.consumer({ groupId: `${prefix}observer` });
    await observer.connect();
    await observer.subscribe({ topic: topicName(prefix, vsvMeldingRegistered.topic), fromBeginning: true });
    await observer.run({ eachMessage: async ({ message }) => void onBus.push(fromKafkaMessage(message)) });
    await startApp(60 * 60_000);
  });

  afterAll(async () => {
    await stopApp();
    await observer?.disconnect();
    await school.disconnect();
    await issuer?.close();
    await db?.drop();
  });

  test('a vsv leaver becomes a task in the right region with the due date in working days', async () => {
    const subject = pseudonym();
    await school.publish(uitschrijving(subject, { municipality: 'GM0384', age: 17 }));
    const task = await eventually(() => taskOf(subject));
    expect(task).toMatchObject({ region: 'MC21', status: 'nieuw', team: 'kwalificatieplicht' });
    // Names next to the codes, from the CBS indeling.
    expect(task).toMatchObject({ regionName: 'Agglomeratie Amsterdam', municipality: 'GM0384', municipalityName: 'Diemen' });
    expect(task.firstContactDueDate).toBe(addWorkingDays(daysAgo(0), 10, holidayRulesFor('rmc')));
    expect((await worklist(utrecht)).items.find((t) => t.pseudonymousReference === subject)).toBeUndefined();
    const melding = await eventually(() => onBus.find((e) => e.type === vsvMeldingRegistered.type && e.subject === subject));
    expect(melding.data).toMatchObject({ rmcRegion: 'MC21', firstContactDueDate: task.firstContactDueDate });
  });

  test("last year's code of a merged municipality routes to this year's region (Weesp, Amsterdam since 2022)", async () => {
    const subject = pseudonym();
    await school.publish(uitschrijving(subject, { municipality: 'GM0457' }));
    const task = await eventually(() => taskOf(subject));
    expect(task).toMatchObject({ region: 'MC21', regionName: 'Agglomeratie Amsterdam', municipality: 'GM0457', municipalityName: 'Weesp' });
    const detail = await fetch(`${base}/taken/${task.id}`, { headers: { authorization: `Bearer ${amsterdam}` } });
    expect(await detail.json()).toMatchObject({ regionName: 'Agglomeratie Amsterdam', municipalityName: 'Weesp' });
  });

  test('uitschrijvingen of several young persons handled together: each task, timer, melding and baton is its own', async () => {
    const [first, enrolled, nazorg, second] = [pseudonym(), pseudonym(), pseudonym(), pseudonym()];
    // Back at school before the uitschrijving arrives: seen first, so the batch must open no task for them.
    await school.publish(inschrijving(enrolled));
    await eventually(
      async () => (await runSql(db.url, 'SELECT 1 FROM inschrijving_seen WHERE pseudonymous_reference = $1', [enrolled]))[0],
    );
    const pro = uitschrijving(nazorg);
    const events = [
      uitschrijving(first, { municipality: 'GM0384' }),
      uitschrijving(enrolled),
      { ...pro, data: { ...(pro.data as object), schoolType: 'pro' } },
      uitschrijving(second, { municipality: 'GM0344' }),
    ];
    // Sent while the RMC is down, on one partition: one fetch, one transaction, one call of the batch handler.
    await stopApp();
    await school.send([
      { topic: topicName(prefix, uitschrijvingRegistered.topic), messages: events.map((e) => ({ ...toKafkaMessage(e), partition: 0 })) },
    ]);
    await startApp(60 * 60_000);
    await processed(events);
    const inboxTransactions = await runSql<{ xid: string }>(
      db.url,
      'SELECT DISTINCT xmin::text AS xid FROM inbox WHERE event_id = ANY($1)',
      [events.map((e) => e.id)],
    );
    expect(inboxTransactions).toHaveLength(1);

    const uitschrijvingOf = (e: CloudEvent) => (e.data as { uitschrijvingId: string }).uitschrijvingId;
    const tasks = await runSql<{ id: string; subject: string; region: string; uitschrijving_id: string; timers: string[] }>(
      db.url,
      `SELECT t.id, t.pseudonymous_reference AS subject, t.region, t.uitschrijving_id,
              ARRAY(SELECT kind FROM timer WHERE taak_id = t.id ORDER BY kind) AS timers
         FROM taak t WHERE t.pseudonymous_reference = ANY($1) ORDER BY t.region DESC`,
      [[first, enrolled, nazorg, second]],
    );
    expect(tasks.map(({ subject, region, uitschrijving_id }) => ({ subject, region, uitschrijving_id }))).toEqual([
      { subject: first, region: 'MC21', uitschrijving_id: uitschrijvingOf(events[0]!) },
      { subject: second, region: 'MC19', uitschrijving_id: uitschrijvingOf(events[3]!) },
    ]);
    for (const task of tasks) expect(task.timers).toEqual(['first-contact-due', 'prepare-wi-handover', 'turns-23']);
    // Each melding in the outbox and among the baton events names its own young person's task and uitschrijving.
    const meldingen = await runSql<{ key: string; subject: string; taak: string; uitschrijving: string; baton_of: string }>(
      db.url,
      `SELECT o.key, o.event->>'subject' AS subject, o.event->'data'->>'vsvMeldingId' AS taak,
              o.event->'data'->>'uitschrijvingId' AS uitschrijving, b.pseudonymous_reference AS baton_of
         FROM outbox o JOIN baton_event b ON b.event_id = o.event_id
        WHERE o.type = $1 AND o.key = ANY($2) ORDER BY o.position`,
      [vsvMeldingRegistered.type, [first, enrolled, nazorg, second]],
    );
    expect(meldingen).toEqual(
      tasks.map((t) => ({ key: t.subject, subject: t.subject, taak: t.id, uitschrijving: t.uitschrijving_id, baton_of: t.subject })),
    );
    const holders = await runSql<{ subject: string; holder_type: string; holder_id: string; regions: string[] }>(
      db.url,
      `SELECT pseudonymous_reference AS subject, holder_type, holder_id, regions FROM baton_holder WHERE pseudonymous_reference = ANY($1)
        ORDER BY holder_type, holder_id`,
      [[first, nazorg, second]],
    );
    expect(holders).toEqual([
      { subject: second, holder_type: 'rmc', holder_id: 'rmc:MC19', regions: ['MC19'] },
      { subject: first, holder_type: 'rmc', holder_id: 'rmc:MC21', regions: ['MC21'] },
      { subject: nazorg, holder_type: 'school', holder_id: expect.any(String), regions: ['MC21'] },
    ]);
  });

  test('a havo diploma or age 23 creates no melding; the same event twice creates one task', async () => {
    const [havo, older, twice] = [pseudonym(), pseudonym(), pseudonym()];
    const events = [
      uitschrijving(havo, { diploma: 'havo', startkwalificatie: true }),
      uitschrijving(older, { age: 23 }),
      uitschrijving(twice),
    ];
    for (const event of [...events, events[2]!]) await school.publish(event);
    await processed(events);
    const tasks = (await worklist(amsterdam)).items.map((t) => t.pseudonymousReference);
    expect(tasks).not.toContain(havo);
    expect(tasks).not.toContain(older);
    expect(tasks.filter((s) => s === twice)).toHaveLength(1);
  });

  test('a later inschrijving, at another school, cancels the melding naming the uitschrijving and closes the task attributably', async () => {
    const subject = pseudonym();
    const leaving = uitschrijving(subject);
    await school.publish(leaving);
    const task = await eventually(() => taskOf(subject));
    const enrolment = inschrijving(subject);
    await school.publish(enrolment);
    const closed = await eventually(async () => {
      const t = await taskOf(subject);
      return t?.status === 'gesloten' ? t : undefined;
    });
    expect(closed.id).toBe(task.id);
    const enrolled = enrolment.data as { inschrijvingId: string; school: { id: string }; dateOfEnrolment: string };
    const left = leaving.data as { uitschrijvingId: string; school: { id: string } };
    expect(enrolled.school.id).not.toBe(left.school.id);
    const herinschrijving = { school: enrolled.school.id, datum: enrolled.dateOfEnrolment, inschrijvingId: enrolled.inschrijvingId };
    expect(closed).toMatchObject({ closeReason: 'nieuwe-inschrijving', herinschrijving });
    const detail = await fetch(`${base}/taken/${task.id}`, { headers: { authorization: `Bearer ${amsterdam}` } });
    expect(await detail.json()).toMatchObject({ status: 'gesloten', herinschrijving });
    const cancelled = await eventually(() => onBus.find((e) => e.type === vsvMeldingCancelled.type && e.subject === subject));
    expect(cancelled.data).toMatchObject({ vsvMeldingId: task.id, reason: 'nieuwe-inschrijving', uitschrijvingId: left.uitschrijvingId });
    const melding = onBus.find((e) => e.type === vsvMeldingRegistered.type && e.subject === subject);
    expect(melding?.data).toMatchObject({ uitschrijvingId: left.uitschrijvingId, lastSchool: left.school });
  });

  test("every taak route with another region's task id answers 404 and changes nothing", async () => {
    const subject = pseudonym();
    await school.publish(uitschrijving(subject));
    const task = await eventually(() => taskOf(subject));
    const document = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(document.paths)
      .filter(([route]) => route.startsWith('/taken/{id}'))
      .flatMap(([route, methods]) =>
        Object.keys(methods).map(
          (method) => [method.toUpperCase(), route.replace('{id}', task.id).replace(/\{\w+\}/g, randomUUID())] as const,
        ),
      );
    expect(routes.map(([m, r]) => `${m} ${r.replace(task.id, ':id')}`)).toEqual(
      expect.arrayContaining(['GET /taken/:id', 'POST /taken/:id/toewijzing', 'POST /taken/:id/sluiting', 'POST /taken/:id/verhuizing']),
    );
    const bodies: Record<string, unknown> = {
      toewijzing: {},
      intrekking: { reason: 'anders' },
      sluiting: { reason: 'emigratie' },
      contactmomenten: { kind: 'contact', channel: 'huisbezoek', outcome: 'bereikt' },
      plan: { goals: 'x', agreements: 'x', nextStep: 'x', nextStepOn: '2099-01-01' },
      notities: { bij: 'plan', tekst: 'x' },
      // A municipality outside the caller's region, so the refusal is about the task, not the move.
      verhuizing: { municipality: 'GM0363', contactPerson: 'X' },
      overdrachten: {
        to: { organisationType: 'werk-inkomen', id: 'gemeente:GM0363' },
        purpose: 'werk',
        reason: 'school-geen-optie',
        contactPerson: 'X',
      },
    };
    for (const [method, route] of routes) {
      const body = method === 'GET' ? undefined : JSON.stringify(bodies[route.split('/').pop()!] ?? {});
      const res = await fetch(`${base}${route}`, {
        method,
        headers: { authorization: `Bearer ${utrecht}`, 'content-type': 'application/json' },
        body,
      });
      expect({ route: `${method} ${route}`, status: res.status }).toEqual({ route: `${method} ${route}`, status: 404 });
    }
    const [row] = (await runSql(db.url, 'SELECT status, assigned_to, failed_attempts, first_contact_at FROM taak WHERE id = $1', [
      task.id,
    ])) as unknown[];
    expect(row).toEqual({ status: 'nieuw', assigned_to: null, failed_attempts: 0, first_contact_at: null });
  });

  test('an inschrijving that overtakes the uitschrijving still prevents the melding', async () => {
    const subject = pseudonym();
    const enrolment = inschrijving(subject);
    const leaving = uitschrijving(subject);
    await school.publish(enrolment);
    await processed([enrolment]);
    await school.publish(leaving);
    await processed([leaving]);
    expect(await taskOf(subject)).toBeUndefined();
  });

  test('contact moments: failed attempts put the young person buiten beeld; real contact moves the task on', async () => {
    const subject = pseudonym();
    await school.publish(uitschrijving(subject));
    const task = await eventually(() => taskOf(subject));
    const post = (path: string, body: unknown, token = amsterdam) =>
      fetch(`${base}/taken/${task.id}/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (let i = 0; i < 3; i++)
      expect((await post('contactmomenten', { kind: 'poging', channel: 'telefoon', outcome: 'niet-bereikt' })).status).toBe(201);
    expect((await worklist(amsterdam, '?buitenBeeld=true')).items.map((t) => t.id)).toContain(task.id);
    const announced = await eventually(() => onBus.find((e) => e.type === vsvMeldingBuitenBeeld.type && e.subject === subject));
    expect(announced.data).toMatchObject({ vsvMeldingId: task.id, failedAttempts: 3 });
    expect((await post('contactmomenten', { kind: 'contact', channel: 'huisbezoek', outcome: 'bereikt' })).status).toBe(201);
    expect((await worklist(amsterdam, '?status=in-contact')).items.map((t) => t.id)).toContain(task.id);
    expect((await post('contactmomenten', { kind: 'contact', channel: 'duiven', outcome: 'bereikt' })).status).toBe(400);
    expect((await post('sluiting', { reason: 'emigratie' }, utrecht)).status).toBe(404);
  });

  test('a task past its due date escalates exactly once, across restarts', async () => {
    const subject = pseudonym();
    await school.publish(uitschrijving(subject));
    const task = await eventually(() => taskOf(subject));
    await stopApp();
    // Time passes while nobody runs: the stored timer falls due, and must fire after the restart.
    await sql("UPDATE timer SET due_at = now() - interval '1 minute' WHERE taak_id = $1", [task.id]);
    await startApp(100);
    const escalation = await eventually(() => onBus.find((e) => e.type === vsvMeldingFirstContactOverdue.type && e.subject === subject));
    expect(escalation.data).toMatchObject({ rmcRegion: 'MC21' });
    await stopApp();
    await startApp(100);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(onBus.filter((e) => e.type === vsvMeldingFirstContactOverdue.type && e.subject === subject)).toHaveLength(1);
  });

  test('a 22-year-old gets the handover to Werk & Inkomen prepared in time; a 17-year-old not yet', async () => {
    const [older, younger] = [pseudonym(), pseudonym()];
    await school.publish(uitschrijving(older, { age: 22 }));
    await school.publish(uitschrijving(younger, { age: 17 }));
    await eventually(() => taskOf(younger));
    if (!app) await startApp(100);
    const flagged = await eventually(async () => {
      const list = await worklist(amsterdam, '?wiOverdracht=true');
      return list.items.some((t) => t.pseudonymousReference === older) ? list : undefined;
    });
    expect(flagged.items.map((t) => t.pseudonymousReference)).not.toContain(younger);
  });

  /** Waits until the RMC's inbox holds every one of these events: they were handled, whatever the effect. */
  async function processed(events: CloudEvent[]): Promise<void> {
    const ids = events.map((e) => e.id);
    await eventually(async () => {
      const rows = await sql('SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)', [ids]);
      return rows[0]!.n === ids.length ? true : undefined;
    });
  }

  const sql = (text: string, params: unknown[] = []) => runSql<{ n: number }>(db.url, text, params);
});
