import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createEvent, uitschrijvingRegistered, vsvMeldingRegistered, type CloudEvent } from '@estafette/contracts';
import { createKafka, EventPublisher, fromKafkaMessage, toKafkaMessage, topicName } from '@estafette/messaging';
import {
  createTestDatabase,
  eventually,
  provisionTestTopics,
  sql,
  startTestIssuer,
  uniqueTopicPrefix,
  type TestDatabase,
  type TestIssuer,
  kafkaAccess,
  serviceKafka,
} from '@estafette/testing';
import type { Consumer } from 'kafkajs';
import { addDays, addMonths, ageOn, today } from '@estafette/calendar';
import { createSchoolApp } from '../src/create-school-app.js';

const validBody = {
  schoolReference: 'UIT-2025-00042',
  studentNumber: '204518',
  bsn: '111222333',
  birthDate: '2008-03-14',
  deregistrationDate: today(),
  schoolType: 'mbo',
  schoolLevel: 'mbo-2',
  highestDiploma: 'vmbo-kb',
  reason: 'zonder-vervolg',
  exitInterviewHeld: true,
  municipalityOfResidence: 'GM0363',
};

describe('school service against a real broker and database', () => {
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ ...kafkaAccess(), clientId: 'school-test' });
  let db: TestDatabase;
  let app: INestApplication;
  let base: string;
  let consumer: Consumer;
  let issuer: TestIssuer;
  let token: string;
  const published: CloudEvent[] = [];

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('school');
    issuer = await startTestIssuer();
    token = await issuer.issueToken({ role: 'school-system', organisationType: 'school', organisationId: 'brin:25XY', sub: 'client-25xy' });
    app = await createSchoolApp(
      {
        name: 'school',
        port: 0,
        host: '127.0.0.1',
        databaseUrl: db.url,
        migrationUrl: db.ownerUrl,
        ...serviceKafka('school'),
        topicPrefix: prefix,
        oidcIssuer: issuer.issuer,
        oidcAudience: issuer.audience,
        oidcJwksUrl: issuer.jwksUrl,
      },
      { pseudonymSecret: 'test-secret-of-at-least-thirty-two-bytes!', publicUrl: 'http://school.test' },
      false,
    );
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    consumer = kafka.consumer({ groupId: `${prefix}observer` });
    await consumer.connect();
    await consumer.subscribe({ topic: topicName(prefix, uitschrijvingRegistered.topic), fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void published.push(fromKafkaMessage(message)) });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await app?.close();
    await db?.drop();
    await issuer?.close();
  });

  const post = (body: unknown, bearer = token) =>
    fetch(`${base}/uitschrijvingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify(body),
    });

  test('/health reports database and Kafka up', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', checks: { database: { status: 'up' }, kafka: { status: 'up' } } });
  });

  test('an uitschrijving is stored and its event crosses the real broker without personal content', async () => {
    const res = await post(validBody);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    const event = await eventually(() => published.find((e) => (e.data as { uitschrijvingId: string }).uitschrijvingId === id));
    expect(event.type).toBe(uitschrijvingRegistered.type);
    expect(event.subject).toMatch(/^pr_/);
    expect(event.source).toBe('urn:nld:brin:25XY:estafette-school');
    expect(event.data).toMatchObject({ hasStartkwalificatie: false, municipalityOfResidence: 'GM0363', schoolType: 'mbo' });
    // The age boundary without the birth date: the exact age on the deregistration date and the 23rd birthday.
    expect(event.data).toMatchObject({
      ageAtDeregistration: ageOn(validBody.birthDate, validBody.deregistrationDate),
      turns23On: '2031-03-14',
    });
    const onTheWire = JSON.stringify(event);
    for (const personal of [validBody.bsn, validBody.birthDate, validBody.studentNumber]) expect(onTheWire).not.toContain(personal);

    const row = await query('SELECT bsn, has_startkwalificatie, nazorg_status FROM uitschrijving WHERE id = $1', [id]);
    expect(row).toEqual({ bsn: '111222333', has_startkwalificatie: false, nazorg_status: 'uitgeschreven' });
  });

  test('posting the same schoolReference again creates nothing new', async () => {
    const again = await post(validBody);
    expect(again.status).toBe(200);
    const count = await query("SELECT count(*)::int AS n FROM uitschrijving WHERE school_reference = 'UIT-2025-00042'");
    const outbox = await query('SELECT count(*)::int AS n FROM outbox');
    expect(count).toEqual({ n: 1 });
    expect(outbox).toEqual({ n: 1 });
  });

  test('uitschrijvingen of two schools posted at the same time (sharing statements under load) each get their own answer, a repeat its first record', async () => {
    // Two other schools, so this school's own view in the tests below stays as it was.
    const tokens = await Promise.all(
      ['brin:26AA', 'brin:26BB'].map((organisationId) =>
        issuer.issueToken({ role: 'school-system', organisationType: 'school', organisationId, sub: `client-${organisationId}` }),
      ),
    );
    const counts = () =>
      query('SELECT (SELECT count(*)::int FROM uitschrijving) AS records, (SELECT count(*)::int FROM outbox) AS events') as Promise<{
        records: number;
        events: number;
      }>;
    const before = await counts();
    // Without a BSN: each its own young person (by school and student number).
    const bodies = [
      ...Array.from({ length: 10 }, (_, i) => ({ ...validBody, bsn: undefined, schoolReference: `SAMEN-${i}`, studentNumber: `9000${i}` })),
      { ...validBody, bsn: undefined, schoolReference: 'SAMEN-0', studentNumber: '90000' },
    ];
    const answers = await Promise.all(
      tokens.flatMap((bearer, school) =>
        bodies.map(async (body) => ({ key: `${school}/${body.schoolReference}`, res: await post(body, bearer) })),
      ),
    );
    const ids = new Map<string, Set<string>>();
    for (const { key, res } of answers) {
      expect([200, 201]).toContain(res.status);
      const { id } = (await res.json()) as { id: string };
      ids.set(key, (ids.get(key) ?? new Set()).add(id));
    }
    expect(ids.size).toBe(20);
    expect([...ids.values()].every((one) => one.size === 1)).toBe(true);
    expect(answers.filter((a) => a.res.status === 201)).toHaveLength(20);
    const after = await counts();
    expect(after).toEqual({ records: before.records + 20, events: before.events + 20 });
  });

  test('a vsv-melding from the RMC, consumed from the broker, updates the nazorg view of the uitschrijving it names', async () => {
    const [source] = published;
    const melding = createEvent(vsvMeldingRegistered, {
      ...vsvMeldingRegistered.example,
      id: undefined,
      subject: source!.subject,
      data: { ...vsvMeldingRegistered.example.data, uitschrijvingId: (source!.data as { uitschrijvingId: string }).uitschrijvingId },
    });
    const rmc = new EventPublisher(kafka, prefix);
    await rmc.publish(melding);
    await rmc.disconnect();

    const status = await eventually(async () => {
      const r = await query('SELECT nazorg_status FROM uitschrijving WHERE pseudonymous_reference = $1', [source!.subject]);
      return r?.nazorg_status === 'vsv-gemeld' ? r.nazorg_status : undefined;
    });
    expect(status).toBe('vsv-gemeld');
    const list = await (await fetch(`${base}/uitschrijvingen`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(list).toMatchObject({ total: 1, page: 1, items: [{ nazorgStatus: 'vsv-gemeld' }] });
  });

  test('the list filters by nazorg status, reason, deregistration date and reference or student number', async () => {
    const daysAgo = (n: number) => addDays(today(), -n);
    const { bsn: _bsn, ...withoutBsn } = validBody;
    expect(
      (await post({ ...withoutBsn, schoolReference: 'FILTER-1', studentNumber: '990001', reason: 'werk', deregistrationDate: daysAgo(20) }))
        .status,
    ).toBe(201);
    expect(
      (await post({ ...withoutBsn, schoolReference: 'FILTER-2', studentNumber: '990002', reason: 'werk', deregistrationDate: daysAgo(5) }))
        .status,
    ).toBe(201);
    const list = async (q: string) => {
      const res = await fetch(`${base}/uitschrijvingen?${q}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { total: number; items: { schoolReference: string }[] };
      return { total: body.total, refs: body.items.map((i) => i.schoolReference).sort() };
    };
    expect(await list('nazorgStatus=vsv-gemeld')).toEqual({ total: 1, refs: ['UIT-2025-00042'] });
    expect(await list('nazorgStatus=uitgeschreven&reason=werk')).toEqual({ total: 2, refs: ['FILTER-1', 'FILTER-2'] });
    expect(await list(`from=${daysAgo(10)}&reason=werk`)).toEqual({ total: 1, refs: ['FILTER-2'] });
    expect(await list(`to=${daysAgo(10)}`)).toEqual({ total: 1, refs: ['FILTER-1'] });
    expect(await list('zoek=filter')).toEqual({ total: 2, refs: ['FILTER-1', 'FILTER-2'] });
    expect(await list('zoek=990002')).toEqual({ total: 1, refs: ['FILTER-2'] });
    expect(await list('zoek=%25')).toEqual({ total: 0, refs: [] });
    const bad = await fetch(`${base}/uitschrijvingen?nazorgStatus=weg`, { headers: { authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(400);
  });

  test('bad input answers 400 naming each field and its reason', async () => {
    const res = await post({ ...validBody, bsn: '123456789', birthDate: '2008-02-30', schoolType: 'hbo', extra: 1 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { field: string; reason: string }[] };
    const fields = body.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['bsn', 'birthDate', 'schoolType', 'extra']));
    expect(body.errors.find((e) => e.field === 'bsn')?.reason).toMatch(/elfproef/);
  });

  test('dates are plausible against the Amsterdam date today: at most 60 days ahead, at most 5 years back, born 4 to 30 years ago', async () => {
    const { bsn: _bsn, ...withoutBsn } = validBody;
    const refused = async (body: object) => {
      const res = await post({ ...withoutBsn, ...body });
      expect(res.status).toBe(400);
      return ((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);
    };
    expect(await refused({ deregistrationDate: addDays(today(), 61) })).toEqual(['deregistrationDate']);
    expect(await refused({ deregistrationDate: addDays(addMonths(today(), -60), -1) })).toEqual(['deregistrationDate']);
    expect(await refused({ birthDate: addDays(addMonths(today(), -48), 1) })).toEqual(['birthDate']);
    expect(await refused({ birthDate: addDays(addMonths(today(), -360), -1) })).toEqual(['birthDate']);
    const edge = { schoolReference: 'PLAUSIBLE-EDGE', studentNumber: '990003', birthDate: addMonths(today(), -48) };
    expect((await post({ ...withoutBsn, ...edge, deregistrationDate: addDays(today(), 60) })).status).toBe(201);
  });

  test('the OpenAPI document describes the API', async () => {
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/uitschrijvingen', '/health']));
  });

  test('vsv-meldingen for several uitschrijvingen in one fetch: each moves the record it names, none of another young person', async () => {
    const created = [];
    for (const i of [1, 2, 3]) {
      const res = await post({ ...validBody, bsn: undefined, schoolReference: `SAMEN-MELDING-${i}`, studentNumber: `8100${i}` });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      created.push(await eventually(() => published.find((e) => (e.data as { uitschrijvingId: string }).uitschrijvingId === id)));
    }
    const [one, two, three] = created as [CloudEvent, CloudEvent, CloudEvent];
    const meldingFor = (record: CloudEvent, subject = record.subject) =>
      createEvent(vsvMeldingRegistered, {
        ...vsvMeldingRegistered.example,
        id: undefined,
        subject,
        data: { ...vsvMeldingRegistered.example.data, uitschrijvingId: (record.data as { uitschrijvingId: string }).uitschrijvingId },
      });
    // The third names the third record with another young person's reference: it must change nothing.
    const meldingen = [
      meldingFor(one),
      meldingFor(two),
      meldingFor(
        three,
        one.subject.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      ),
    ];
    const rmc = new EventPublisher(kafka, prefix);
    await rmc.send([
      { topic: topicName(prefix, vsvMeldingRegistered.topic), messages: meldingen.map((m) => ({ ...toKafkaMessage(m), partition: 0 })) },
    ]);
    await rmc.disconnect();
    const statusOf = async (record: CloudEvent) =>
      (await query('SELECT nazorg_status FROM uitschrijving WHERE id = $1', [
        (record.data as { uitschrijvingId: string }).uitschrijvingId,
      ]))!.nazorg_status;
    await eventually(async () => ((await statusOf(one)) === 'vsv-gemeld' && (await statusOf(two)) === 'vsv-gemeld' ? true : undefined));
    const [handled] = await sql<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)', [
      meldingen.map((m) => m.id),
    ]);
    expect(handled!.n).toBe(3);
    expect(await statusOf(three)).toBe('uitgeschreven');
  });

  const query = async (text: string, params: unknown[] = []) => (await sql(db.url, text, params))[0];
});
