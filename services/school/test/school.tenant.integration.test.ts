import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createEvent, overdrachtOffered, vsvMeldingCancelled, vsvMeldingRegistered } from '@estafette/contracts';
import { createKafka, EventPublisher } from '@estafette/messaging';
import {
  eventually,
  sql,
  startServiceUnderTest,
  startTestIssuer,
  uniqueTopicPrefix,
  type ServiceUnderTest,
  type TestDatabase,
  type TestIssuer,
  type TokenRequest,
  kafkaAccess,
} from '@estafette/testing';
import { startOrganisations, type OrganisationsUnderTest } from '../../organisations/test/support/start-organisations.js';
import { createSchoolApp } from '../src/create-school-app.js';

// Two schools, one young person (one BSN, so one pseudonymous reference): neither may learn of, or change, the other's record.
const schoolA: TokenRequest = { role: 'school-staff', organisationType: 'school', organisationId: 'brin:25XY', sub: 'staff-25xy' };
const schoolB: TokenRequest = { role: 'school-staff', organisationType: 'school', organisationId: 'brin:31QQ', sub: 'staff-31qq' };
const today = new Date().toISOString().slice(0, 10);
const leaver = (schoolReference: string, schoolType = 'mbo') => ({
  schoolReference,
  studentNumber: schoolReference.slice(-6),
  bsn: '111222333',
  birthDate: '2008-03-14',
  deregistrationDate: today,
  schoolType,
  highestDiploma: 'vmbo-kb',
  reason: 'zonder-vervolg',
  exitInterviewHeld: true,
  municipalityOfResidence: 'GM0363',
});

describe('school: tenants stay apart by construction', () => {
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ ...kafkaAccess(), clientId: 'school-tenant-test' });
  const rmc = new EventPublisher(kafka, prefix);
  let school: ServiceUnderTest<INestApplication>;
  let db: TestDatabase;
  let issuer: TestIssuer;
  let base: string;
  let tokenA: string;
  let tokenB: string;
  let ofA: string;
  let ofB: string;
  let subject: string;
  let organisations: OrganisationsUnderTest;

  beforeAll(async () => {
    // A pro school's handover offer is checked against the real organisation directory.
    const sharedIssuer = await startTestIssuer();
    organisations = await startOrganisations(sharedIssuer);
    school = await startServiceUnderTest(
      'schooltenant',
      (config) =>
        createSchoolApp(config, { pseudonymSecret: 'test-secret-of-at-least-thirty-two-bytes!', publicUrl: 'http://school.test' }, false),
      { prefix, issuer: sharedIssuer, organisations: organisations.access('school') },
    );
    ({ db, issuer, url: base } = school);
    [tokenA, tokenB] = [await issuer.issueToken(schoolA), await issuer.issueToken(schoolB)];
    ofA = (await created(await call('POST', '/uitschrijvingen', tokenA, leaver('A-000001')))).id;
    ofB = (await created(await call('POST', '/uitschrijvingen', tokenB, leaver('B-000002')))).id;
    const rows = await sql<{ pseudonymous_reference: string }>(db.url, 'SELECT DISTINCT pseudonymous_reference FROM uitschrijving');
    expect(rows).toHaveLength(1); // the premise: one BSN, one reference at both schools
    subject = rows[0]!.pseudonymous_reference;
  });

  afterAll(async () => {
    await rmc.disconnect();
    await school?.close();
    await organisations?.close();
    await issuer?.close();
  });

  function call(method: string, path: string, token: string, payload?: unknown) {
    return fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: payload !== undefined ? JSON.stringify(payload) : undefined,
    });
  }
  async function created(res: Response): Promise<{ id: string }> {
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string };
  }
  const statusOf = async (id: string) =>
    (await sql<{ nazorg_status: string }>(db.url, 'SELECT nazorg_status FROM uitschrijving WHERE id = $1', [id]))[0]!.nazorg_status;
  const registered = (data: Record<string, unknown>) =>
    createEvent(vsvMeldingRegistered, {
      ...vsvMeldingRegistered.example,
      id: undefined,
      subject,
      data: { ...vsvMeldingRegistered.example.data, ...data } as never,
    });

  test('a vsv-melding changes exactly the uitschrijving it names, and only at the school it names', async () => {
    const { uitschrijvingId: _named, ...namesNone } = vsvMeldingRegistered.example.data;
    // All keyed by the same reference, so one partition: they are handled in this order, and the last one is the barrier.
    await rmc.publish(createEvent(vsvMeldingRegistered, { ...vsvMeldingRegistered.example, id: undefined, subject, data: namesNone }));
    await rmc.publish(registered({ uitschrijvingId: ofA, lastSchool: { organisationType: 'school', id: schoolB.organisationId } }));
    await rmc.publish(
      registered({ uitschrijvingId: randomUUID(), lastSchool: { organisationType: 'school', id: schoolB.organisationId } }),
    );
    await rmc.publish(registered({ uitschrijvingId: ofA, lastSchool: { organisationType: 'school', id: schoolA.organisationId } }));
    expect(await eventually(async () => ((await statusOf(ofA)) === 'vsv-gemeld' ? 'vsv-gemeld' : undefined))).toBe('vsv-gemeld');
    expect(await statusOf(ofB)).toBe('uitgeschreven');

    // A re-enrolment elsewhere cancels A's melding: A's record moves on, B's does not.
    const { inschrijvingId: _i, ...cancelled } = vsvMeldingCancelled.example.data;
    await rmc.publish(createEvent(vsvMeldingCancelled, { ...vsvMeldingCancelled.example, id: undefined, subject, data: cancelled }));
    await rmc.publish(
      createEvent(vsvMeldingCancelled, {
        ...vsvMeldingCancelled.example,
        id: undefined,
        subject,
        data: { ...cancelled, uitschrijvingId: ofA },
      }),
    );
    expect(await eventually(async () => ((await statusOf(ofA)) === 'vsv-vervallen' ? 'vsv-vervallen' : undefined))).toBe('vsv-vervallen');
    expect(await statusOf(ofB)).toBe('uitgeschreven');
  });

  test("nothing school B reads back shows school A's record or what happened to it", async () => {
    const detail = await call('GET', `/uitschrijvingen/${ofB}`, tokenB);
    expect(await detail.json()).toMatchObject({ id: ofB, nazorgStatus: 'uitgeschreven' });
    const list = (await (await call('GET', '/uitschrijvingen?pageSize=100', tokenB)).json()) as {
      total: number;
      items: { id: string; nazorgStatus: string }[];
    };
    expect(list.items.map((i) => [i.id, i.nazorgStatus])).toEqual([[ofB, 'uitgeschreven']]);
    for (const status of ['vsv-gemeld', 'vsv-vervallen']) {
      expect(await (await call('GET', `/uitschrijvingen?nazorgStatus=${status}`, tokenB)).json()).toMatchObject({ total: 0, items: [] });
    }
    expect(await (await call('GET', '/uitschrijvingen?zoek=A-0', tokenB)).json()).toMatchObject({ total: 0 });
  });

  test("every id route with another school's id answers 404 and changes nothing", async () => {
    // A pro leaver of school A with a handover offer, so the outgoing-handover routes have a real id of A to try.
    const pro = (await created(await call('POST', '/uitschrijvingen', tokenA, { ...leaver('A-PRO001', 'pro'), highestDiploma: 'geen' })))
      .id;
    const offerBody = {
      to: { organisationType: 'werk-inkomen', id: 'gemeente:GM0363' },
      purpose: 'nazorg',
      reason: 'nazorg-pro-vso',
      contactPerson: 'M. Jansen, mentor',
    };
    const offer = await call('POST', `/uitschrijvingen/${pro}/overdrachten`, tokenA, offerBody);
    expect(offer.status).toBe(201);
    const overdrachtOfA = ((await offer.json()) as { id: string }).id;
    // The offer on its way to the bus carries the date the young person turns 23, never the birth date.
    const [staged] = await sql<{ event: { data: Record<string, unknown> } }>(
      db.url,
      "SELECT event FROM outbox WHERE type = $1 AND event->'data'->>'overdrachtId' = $2",
      [overdrachtOffered.type, overdrachtOfA],
    );
    expect(staged!.event.data).toMatchObject({ turns23On: '2031-03-14', handoverReason: 'nazorg-pro-vso' });
    expect(JSON.stringify(staged!.event)).not.toContain('2008-03-14');
    // Back to school: an RMC offers the young person to school A, so A's inbox routes have a real id of A to try.
    const verwijzingOfA = randomUUID();
    await rmc.publish(
      createEvent(overdrachtOffered, {
        source: 'urn:nld:rmc:MC21:estafette-rmc',
        subject,
        dataref: `http://rmc.test/overdrachten-uit/${verwijzingOfA}`,
        data: {
          ...overdrachtOffered.example.data,
          overdrachtId: verwijzingOfA,
          from: { organisationType: 'rmc', id: 'rmc:MC21' },
          to: { organisationType: 'school', id: schoolA.organisationId! },
          purpose: 'onderwijs',
          handoverReason: 'terug-naar-onderwijs',
          responseDueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        },
      }),
    );
    await eventually(async () => ((await call('GET', `/verwijzingen/${verwijzingOfA}`, tokenA)).status === 200 ? true : undefined));
    const before = await snapshot();

    const document = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    // Valid bodies, so a refusal is about the id (the tenant), not about the body.
    const bodies: Record<string, unknown> = {
      overdrachten: offerBody,
      intrekking: { reason: 'anders' },
      acceptatie: { contactPerson: 'x', enrolmentPlannedOn: today },
      afwijzing: { reason: 'geen-capaciteit' },
      'eerste-contact': { held: true, date: today, contactType: 'driegesprek' },
    };
    // The school's own corrections of an uitschrijving share a last segment with the offer's withdrawal.
    const uitschrijvingBodies: Record<string, unknown> = {
      correctie: { reason: 'invoerfout', highestDiploma: 'geen' },
      intrekking: { reason: 'verkeerde-leerling' },
    };
    const tried: string[] = [];
    for (const [route, methods] of Object.entries(document.paths).filter(([r]) => r.includes('{id}'))) {
      const id = route.startsWith('/overdrachten-uit/') ? overdrachtOfA : route.startsWith('/verwijzingen/') ? verwijzingOfA : pro;
      for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
        const own = route.startsWith('/uitschrijvingen/') ? uitschrijvingBodies[route.split('/').pop()!] : undefined;
        const body = method === 'GET' ? undefined : (own ?? bodies[route.split('/').pop()!] ?? {});
        const res = await call(method, route.replace('{id}', id), tokenB, body);
        const answer = await res.text();
        const unknown = await call(method, route.replace('{id}', randomUUID()), tokenB, body);
        // A route closed to school staff altogether (the dossier, for RMC/W&I/zorg) refuses every id alike; every other answers 404.
        const expected = unknown.status === 403 ? 403 : 404;
        expect({ route: `${method} ${route}`, status: res.status }).toEqual({ route: `${method} ${route}`, status: expected });
        if (expected === 403) expect(answer).toBe(await unknown.text());
        expect(answer).not.toContain(schoolA.organisationId);
        tried.push(`${method} ${route}`);
      }
    }
    expect(tried).toEqual(
      expect.arrayContaining([
        'GET /uitschrijvingen/{id}',
        'POST /uitschrijvingen/{id}/overdrachten',
        'GET /overdrachten-uit/{id}',
        'POST /overdrachten-uit/{id}/intrekking',
        'GET /verwijzingen/{id}',
        'POST /verwijzingen/{id}/acceptatie',
        'POST /verwijzingen/{id}/afwijzing',
      ]),
    );
    expect(await snapshot()).toEqual(before);
    // The same routes do exist for their owner: the 404s above are about the tenant, not the route.
    expect((await call('GET', `/uitschrijvingen/${pro}`, tokenA)).status).toBe(200);
    expect((await call('GET', `/overdrachten-uit/${overdrachtOfA}`, tokenA)).status).toBe(200);
    expect((await call('GET', `/verwijzingen/${verwijzingOfA}`, tokenA)).status).toBe(200);
  });

  test("an enrolment at another school is in that school's access log, with the caller who made it", async () => {
    const enrolment = {
      studentNumber: '550001',
      bsn: '111222333',
      birthDate: '2008-03-14',
      enrolmentDate: today,
      schoolType: 'mbo',
      schoolLevel: 'mbo-2',
      municipalityOfResidence: 'GM0363',
    };
    const { id } = await created(await call('POST', '/inschrijvingen', tokenB, enrolment));
    expect((await call('POST', '/inschrijvingen', tokenB, enrolment)).status).toBe(200);
    const log = await sql(
      db.url,
      'SELECT actor_subject, actor_role, actor_organisation_id, subject, basis FROM access_log WHERE resource = $1 ORDER BY id',
      [`inschrijving/${id}`],
    );
    const entry = {
      actor_subject: schoolB.sub,
      actor_role: 'school-staff',
      actor_organisation_id: schoolB.organisationId,
      subject,
      basis: 'own-organisation',
    };
    expect(log).toEqual([entry, entry]);
  });

  /** Everything the walk could have changed: the records, the offers, the outbox, reads logged. */
  async function snapshot() {
    return {
      uitschrijvingen: await sql(db.url, 'SELECT id, school_id, nazorg_status FROM uitschrijving ORDER BY id'),
      offers: await sql(db.url, 'SELECT id, status FROM uitgaande_overdracht ORDER BY id'),
      verwijzingen: await sql(db.url, 'SELECT overdracht_id, status, contact_person FROM verwijzing ORDER BY overdracht_id'),
      outbox: await sql(db.url, 'SELECT count(*)::int AS n FROM outbox'),
      readsByB: await sql(db.url, 'SELECT count(*)::int AS n FROM access_log WHERE actor_organisation_id = $1', [schoolB.organisationId]),
    };
  }
});
