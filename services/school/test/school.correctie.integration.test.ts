import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { today } from '@estafette/calendar';
import { uitschrijvingCorrected, uitschrijvingWithdrawn, type CloudEvent } from '@estafette/contracts';
import { createKafka, fromKafkaMessage, topicName } from '@estafette/messaging';
import { eventually, sql, startServiceUnderTest, uniqueTopicPrefix, type ServiceUnderTest, kafkaAccess } from '@estafette/testing';
import type { Consumer } from 'kafkajs';
import { createSchoolApp } from '../src/create-school-app.js';

// Response bodies are read loosely: the assertions below say what they must contain.
type Json = Record<string, any>;

const leaver = (schoolReference: string) => ({
  schoolReference,
  studentNumber: schoolReference.slice(-6),
  birthDate: '2008-03-14',
  deregistrationDate: today(),
  schoolType: 'mbo',
  schoolLevel: 'mbo-2',
  highestDiploma: 'vmbo-kb',
  reason: 'zonder-vervolg',
  exitInterviewHeld: true,
  municipalityOfResidence: 'GM0363',
});

/**
 * Corrections and withdrawals of an uitschrijving by its own school, on the real broker and database: validation naming
 * the field, the tenant check (another school's id is "not found" and nothing changes), idempotency (the same request
 * again answers the same and publishes nothing more), and the events on the bus.
 */
describe('school: correcting and withdrawing an uitschrijving', () => {
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ ...kafkaAccess(), clientId: 'school-correctie-test' });
  const onBus: CloudEvent[] = [];
  let school: ServiceUnderTest<INestApplication>;
  let observer: Consumer;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    school = await startServiceUnderTest(
      'schoolcorr',
      (config) =>
        createSchoolApp(config, { pseudonymSecret: 'test-secret-of-at-least-thirty-two-bytes!', publicUrl: 'http://school.test' }, false),
      { prefix },
    );
    const staff = (id: string) => ({ role: 'school-staff', organisationType: 'school', organisationId: id, sub: `staff-${id}` });
    tokenA = await school.issuer.issueToken(staff('brin:25XY'));
    tokenB = await school.issuer.issueToken(staff('brin:31QQ'));
    observer = kafka.consumer({ groupId: `${prefix}observer` });
    await observer.connect();
    await observer.subscribe({ topic: topicName(prefix, uitschrijvingCorrected.topic), fromBeginning: true });
    await observer.run({ eachMessage: async ({ message }) => void onBus.push(fromKafkaMessage(message)) });
  });

  afterAll(async () => {
    await observer?.disconnect();
    await school?.close();
  });

  async function call(method: string, path: string, body?: unknown, token = tokenA): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${school.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  async function registered(reference: string): Promise<string> {
    const res = await call('POST', '/uitschrijvingen', leaver(reference));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  const eventsAbout = (type: string, id: string) => onBus.filter((e) => e.type === type && (e.data as Json).uitschrijvingId === id);

  test('a correction of the municipality changes the record, keeps its history and publishes the change once', async () => {
    const id = await registered('COR-000001');
    const body = { reason: 'invoerfout', municipalityOfResidence: 'GM0599' };
    const first = await call('POST', `/uitschrijvingen/${id}/correctie`, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      uitschrijvingId: id,
      kind: 'correctie',
      reason: 'invoerfout',
      changes: { municipalityOfResidence: { from: 'GM0363', to: 'GM0599' } },
      correctionDate: today(),
      created: true,
    });

    const event = await eventually(() => eventsAbout(uitschrijvingCorrected.type, id)[0]);
    expect(event.data).toMatchObject({
      correctieId: first.body.id,
      reason: 'invoerfout',
      changedFields: ['municipalityOfResidence'],
      previous: { municipalityOfResidence: 'GM0363' },
      municipalityOfResidence: 'GM0599',
      dateOfDeregistration: today(),
      hasStartkwalificatie: false,
      turns23On: '2031-03-14',
    });
    expect(event.dataref).toBe(`http://school.test/uitschrijvingen/${id}`);

    // The same request again: the same answer, nothing new in the store or on the bus.
    const again = await call('POST', `/uitschrijvingen/${id}/correctie`, body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, created: false });
    const view = (await call('GET', `/uitschrijvingen/${id}`)).body;
    expect(view).toMatchObject({ municipalityOfResidence: 'GM0599', ingetrokken: null });
    expect(view.correcties).toHaveLength(1);
    expect(view.correcties[0]).toMatchObject({ kind: 'correctie', reason: 'invoerfout', recordedBy: 'staff-brin:25XY' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(eventsAbout(uitschrijvingCorrected.type, id)).toHaveLength(1);

    // Undone, then made again: the third request has the first one's content but is a new correction, and is applied.
    expect(
      (await call('POST', `/uitschrijvingen/${id}/correctie`, { reason: 'invoerfout', municipalityOfResidence: 'GM0363' })).status,
    ).toBe(201);
    const redone = await call('POST', `/uitschrijvingen/${id}/correctie`, body);
    expect(redone).toMatchObject({
      status: 201,
      body: { created: true, changes: { municipalityOfResidence: { from: 'GM0363', to: 'GM0599' } } },
    });
    expect((await call('GET', `/uitschrijvingen/${id}`)).body).toMatchObject({ municipalityOfResidence: 'GM0599' });
    expect((await call('POST', `/uitschrijvingen/${id}/correctie`, body)).body).toEqual({ ...redone.body, created: false });
    await eventually(() => (eventsAbout(uitschrijvingCorrected.type, id).length === 3 ? true : undefined));
  });

  test('a correction of the diploma decides the startkwalificatie again and names its previous value', async () => {
    const id = await registered('COR-000002');
    const res = await call('POST', `/uitschrijvingen/${id}/correctie`, { reason: 'nagekomen-gegevens', highestDiploma: 'mbo-2' });
    expect(res.status).toBe(201);
    const event = await eventually(() => eventsAbout(uitschrijvingCorrected.type, id)[0]);
    expect(event.data).toMatchObject({
      changedFields: ['highestDiploma'],
      previous: { highestDiploma: 'vmbo-kb', hasStartkwalificatie: false },
      highestDiploma: 'mbo-2',
      hasStartkwalificatie: true,
    });
    expect((await call('GET', `/uitschrijvingen/${id}`)).body).toMatchObject({ highestDiploma: 'mbo-2', hasStartkwalificatie: true });
  });

  test('refused with 400 naming the field and the reason, and nothing changes', async () => {
    const id = await registered('COR-000003');
    const cases: [Json, string, RegExp][] = [
      [{ municipalityOfResidence: 'GM0599' }, 'reason', /reason must be one of/],
      [{ reason: 'omdat', municipalityOfResidence: 'GM0599' }, 'reason', /reason must be one of/],
      [{ reason: 'invoerfout', municipalityOfResidence: 'GM9999' }, 'municipalityOfResidence', /no RMC region/],
      [{ reason: 'invoerfout', municipalityOfResidence: 'Amsterdam' }, 'municipalityOfResidence', /CBS municipality code/],
      [{ reason: 'invoerfout', deregistrationDate: '2025-02-30' }, 'deregistrationDate', /real date/],
      [{ reason: 'invoerfout', highestDiploma: 'propedeuse' }, 'highestDiploma', /must be one of/],
      [{ reason: 'invoerfout', schoolType: 'hbo' }, 'schoolType', /must be one of/],
      [{ reason: 'invoerfout' }, 'correctie', /changes nothing/],
      [{ reason: 'invoerfout', municipalityOfResidence: 'GM0363' }, 'correctie', /changes nothing/],
    ];
    for (const [body, field, reason] of cases) {
      const res = await call('POST', `/uitschrijvingen/${id}/correctie`, body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([{ field, reason: expect.stringMatching(reason) }]));
    }
    const withdrawal = await call('POST', `/uitschrijvingen/${id}/intrekking`, { reason: 'per-ongeluk' });
    expect(withdrawal.status).toBe(400);
    expect(withdrawal.body.errors[0]).toMatchObject({ field: 'reason' });
    const rows = await sql(school.db.url, 'SELECT 1 FROM uitschrijving_correctie WHERE uitschrijving_id = $1', [id]);
    expect(rows).toHaveLength(0);
    expect((await call('GET', `/uitschrijvingen/${id}`)).body).toMatchObject({ municipalityOfResidence: 'GM0363', ingetrokken: null });
  });

  test("another school's uitschrijving is not found, and nothing changes", async () => {
    const id = await registered('COR-000004');
    const correctie = await call(
      'POST',
      `/uitschrijvingen/${id}/correctie`,
      { reason: 'invoerfout', municipalityOfResidence: 'GM0599' },
      tokenB,
    );
    expect(correctie.status).toBe(404);
    const intrekking = await call('POST', `/uitschrijvingen/${id}/intrekking`, { reason: 'verkeerde-leerling' }, tokenB);
    expect(intrekking.status).toBe(404);
    const rows = await sql(school.db.url, 'SELECT 1 FROM uitschrijving_correctie WHERE uitschrijving_id = $1', [id]);
    expect(rows).toHaveLength(0);
    expect((await call('GET', `/uitschrijvingen/${id}`)).body).toMatchObject({ municipalityOfResidence: 'GM0363', ingetrokken: null });
  });

  test('a withdrawal marks the uitschrijving, publishes once, answers the same again, and ends corrections', async () => {
    const id = await registered('COR-000005');
    const first = await call('POST', `/uitschrijvingen/${id}/intrekking`, { reason: 'verkeerde-leerling' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ uitschrijvingId: id, kind: 'intrekking', reason: 'verkeerde-leerling', created: true });
    const again = await call('POST', `/uitschrijvingen/${id}/intrekking`, { reason: 'verkeerde-leerling' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, created: false });
    expect((await call('POST', `/uitschrijvingen/${id}/intrekking`, { reason: 'niet-uitgeschreven' })).status).toBe(409);
    expect((await call('POST', `/uitschrijvingen/${id}/correctie`, { reason: 'invoerfout', highestDiploma: 'havo' })).status).toBe(409);

    const event = await eventually(() => eventsAbout(uitschrijvingWithdrawn.type, id)[0]);
    expect(event.data).toEqual({
      uitschrijvingId: id,
      school: { organisationType: 'school', id: 'brin:25XY' },
      withdrawalDate: today(),
      reason: 'verkeerde-leerling',
    });
    expect((await call('GET', `/uitschrijvingen/${id}`)).body).toMatchObject({
      ingetrokken: { datum: today(), reden: 'verkeerde-leerling' },
      highestDiploma: 'vmbo-kb',
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(eventsAbout(uitschrijvingWithdrawn.type, id)).toHaveLength(1);
  });
});
