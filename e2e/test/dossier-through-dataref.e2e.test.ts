import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createEvent, overdrachtOffered } from '@estafette/contracts';
import { createKafka, EventPublisher } from '@estafette/messaging';
import { eventually, sql, type TestDatabase, type TestIssuer, type TokenRequest, kafkaAccess } from '@estafette/testing';
import { startChain, type Chain } from './support/chain.js';
import { today as amsterdamToday } from '@estafette/calendar';

const today = amsterdamToday();
const SCHOOL = { organisationType: 'school', id: 'brin:25XY' };
const schoolSystem: TokenRequest = { role: 'school-system', organisationType: 'school', organisationId: SCHOOL.id, sub: 'client-25xy' };
const consulent23: TokenRequest = {
  role: 'rmc-consulent',
  organisationType: 'rmc',
  organisationId: 'rmc:MC21',
  sub: 'consulent-amsterdam',
};
const consulent25: TokenRequest = { role: 'rmc-consulent', organisationType: 'rmc', organisationId: 'rmc:MC19', sub: 'consulent-utrecht' };
const wiConsulent: TokenRequest = {
  role: 'wi-consulent',
  organisationType: 'werk-inkomen',
  organisationId: 'oin:00000001002564440000',
  sub: 'wi-consulent-1',
};
// 20 years old: under 23 without startkwalificatie is vsv; an adult consents alone.
const leaver = {
  schoolReference: 'UIT-DATAREF-1',
  studentNumber: '610001',
  bsn: '123456782',
  birthDate: `${Number(today.slice(0, 4)) - 20}-01-15`,
  deregistrationDate: today,
  schoolType: 'mbo',
  schoolLevel: 'mbo-1',
  highestDiploma: 'vmbo-bb',
  reason: 'zonder-vervolg',
  exitInterviewHeld: false,
  municipalityOfResidence: 'GM0363',
  contact: { firstName: 'Noor', lastName: 'Bakker', phone: '0612345678', postcode: '1011 AB', city: 'Amsterdam' },
};

type Json = Record<string, any>;

// Content never travels on the bus: the RMC and W&I read it from the school, which asks the consent service
// (with its service token) and logs every read. Real broker, databases, issuer and consent service.
describe('the dossier through the dataref path: school -> consent service -> RMC and W&I', () => {
  let chain: Chain<'consent' | 'school' | 'rmc'> | undefined;
  let issuer: TestIssuer;
  let consent: INestApplication;
  let school: INestApplication;
  let rmc: INestApplication;
  let schoolDb: TestDatabase;
  let rmcDb: TestDatabase;
  let uitschrijvingId: string;
  let task: Json;

  beforeAll(async () => {
    // The RMC reads the dossier with its own service token, for the consulent as acting user.
    chain = await startChain({
      label: 'e2edr',
      services: ['consent', 'school', 'rmc'],
      schoolSecret: 'e2e-dataref-secret-of-at-least-32-bytes!',
      schoolServesDossiers: true,
      rmcServiceToken: true,
      timerIntervalMs: 60_000,
    });
    ({ issuer } = chain);
    ({ consent, school, rmc } = chain.apps);
    ({ school: schoolDb, rmc: rmcDb } = chain.db);

    const posted = await call(school, 'POST', '/uitschrijvingen', schoolSystem, leaver);
    expect(posted.status).toBe(201);
    uitschrijvingId = posted.body.id;
    task = await eventually(async () => (await call(rmc, 'GET', '/taken', consulent23)).body.items?.[0], 15_000);
    await vsvMeldingSeenBySchool(uitschrijvingId);
  });

  /** Need-to-know: the school shares with the RMC only once it has seen the RMC's vsv-melding for the uitschrijving. */
  const vsvMeldingSeenBySchool = (id: string) =>
    eventually(
      async () =>
        (await sql(schoolDb.url, "SELECT 1 FROM uitschrijving WHERE id = $1 AND nazorg_status = 'vsv-gemeld'", [id])).length === 1 ||
        undefined,
      15_000,
    );

  afterAll(async () => {
    await chain?.close();
  });

  async function call(
    app: INestApplication,
    method: string,
    path: string,
    who: TokenRequest,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${await app.getUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${await issuer.issueToken(who)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Json };
  }
  const dossierReads = () =>
    sql(
      schoolDb.url,
      "SELECT actor_subject, actor_role, actor_organisation_id, subject, resource, basis FROM access_log WHERE resource LIKE '%/dossier' ORDER BY id",
    );

  test("the region's RMC consulent sees the name on the task detail, on the legal basis; the school logged the read", async () => {
    const detail = await call(rmc, 'GET', `/taken/${task.id}/jongere`, consulent23);
    expect(detail.status).toBe(200);
    const basis = 'legal-basis:convenant-mc21@1/school-rmc-uitschrijving';
    expect(detail.body).toMatchObject({
      uitschrijvingId,
      name: { firstName: 'Noor', lastName: 'Bakker' },
      birthDate: leaver.birthDate,
      contact: { phone: '0612345678', city: 'Amsterdam' },
      basis,
    });
    expect(await dossierReads()).toEqual([
      {
        actor_subject: 'consulent-amsterdam',
        actor_role: 'rmc-consulent',
        actor_organisation_id: 'rmc:MC21',
        subject: task.pseudonymousReference,
        resource: `uitschrijving/${uitschrijvingId}/dossier`,
        basis,
      },
    ]);
    // The RMC keeps no copy: its database knows the task, not the name.
    const dump = JSON.stringify(await sql(rmcDb.url, 'SELECT * FROM taak'));
    expect(dump).toContain(task.id);
    expect(dump).not.toContain('Bakker');
  });

  test("another region's consulent gets 404 for the task, and the school logs no read", async () => {
    const before = (await dossierReads()).length;
    expect((await call(rmc, 'GET', `/taken/${task.id}/jongere`, consulent25)).status).toBe(404);
    expect(await dossierReads()).toHaveLength(before);
  });

  test("a school outside the region's convenant: the consent service denies, and the RMC passes the 403 on with a clear message", async () => {
    const otherSchool: TokenRequest = {
      role: 'school-system',
      organisationType: 'school',
      organisationId: 'brin:31QQ',
      sub: 'client-31qq',
    };
    const { bsn: _bsn, ...withoutBsn } = leaver;
    expect(
      (
        await call(school, 'POST', '/uitschrijvingen', otherSchool, {
          ...withoutBsn,
          schoolReference: 'UIT-DATAREF-2',
          studentNumber: '610002',
        })
      ).status,
    ).toBe(201);
    const other = await eventually(
      async () => (await call(rmc, 'GET', '/taken', consulent23)).body.items?.find((t: Json) => t.school === 'brin:31QQ'),
      15_000,
    );
    await vsvMeldingSeenBySchool(
      (await sql<{ id: string }>(schoolDb.url, "SELECT id FROM uitschrijving WHERE school_reference = 'UIT-DATAREF-2'"))[0]!.id,
    );
    const before = (await dossierReads()).length;
    const denied = await call(rmc, 'GET', `/taken/${other.id}/jongere`, consulent23);
    expect(denied).toMatchObject({
      status: 403,
      body: { message: expect.stringContaining('consent service denied'), reason: 'geen-grondslag' },
    });
    // The refused read is in the school's access log too, for the consulent who tried, with the reason.
    expect((await dossierReads()).slice(before)).toEqual([
      expect.objectContaining({
        actor_subject: 'consulent-amsterdam',
        actor_organisation_id: 'rmc:MC21',
        basis: 'refused:geen-grondslag',
      }),
    ]);
  });

  test('need-to-know: an RMC of another region, or a leaver without a vsv-melding (a havo graduate), is refused with the reason, and the refusal is logged', async () => {
    const direct = await call(school, 'GET', `/uitschrijvingen/${uitschrijvingId}/dossier`, consulent25);
    expect(direct).toMatchObject({ status: 403, body: { reason: 'andere-regio' } });
    const { bsn: _bsn, ...withoutBsn } = leaver;
    const havo = await call(school, 'POST', '/uitschrijvingen', schoolSystem, {
      ...withoutBsn,
      schoolReference: 'UIT-DATAREF-HAVO',
      studentNumber: '610003',
      highestDiploma: 'havo',
      schoolType: 'vo',
      schoolLevel: 'havo',
    });
    expect(havo.status).toBe(201);
    expect(await call(school, 'GET', `/uitschrijvingen/${havo.body.id}/dossier`, consulent23)).toMatchObject({
      status: 403,
      body: { reason: 'geen-open-vsv-melding' },
    });
    expect(await dossierReads()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor_organisation_id: 'rmc:MC19',
          resource: `uitschrijving/${uitschrijvingId}/dossier`,
          basis: 'refused:andere-regio',
        }),
        expect.objectContaining({
          actor_organisation_id: 'rmc:MC21',
          resource: `uitschrijving/${havo.body.id}/dossier`,
          basis: 'refused:geen-open-vsv-melding',
        }),
      ]),
    );
  });

  test('W&I reads the dossier only for a referral to it and while the young person consents: no referral, denied, permitted after consent, denied right after withdrawal', async () => {
    const subject = task.pseudonymousReference as string;
    const dossier = () => call(school, 'GET', `/uitschrijvingen/${uitschrijvingId}/dossier`, wiConsulent);
    // Need-to-know: no referral to this W&I yet, so no dossier, whatever the consent.
    expect(await dossier()).toMatchObject({ status: 403, body: { reason: 'geen-verwijzing' } });

    // The RMC refers the young person to W&I (the offer on the bus); the school sees the referral.
    const overdrachtId = randomUUID();
    const rmcBus = new EventPublisher(createKafka({ ...kafkaAccess(), clientId: 'e2e-dataref-offer' }), chain!.prefix);
    await rmcBus.publish(
      createEvent(overdrachtOffered, {
        source: overdrachtOffered.example.source,
        subject,
        data: {
          ...overdrachtOffered.example.data,
          overdrachtId,
          from: { organisationType: 'rmc', id: 'rmc:MC21' },
          to: { organisationType: 'werk-inkomen', id: wiConsulent.organisationId! },
        },
      }),
    );
    await rmcBus.disconnect();
    await eventually(
      async () =>
        (await sql(schoolDb.url, 'SELECT 1 FROM verwijzing_gezien WHERE overdracht_id = $1', [overdrachtId])).length === 1 || undefined,
      15_000,
    );

    const without = await dossier();
    expect(without).toMatchObject({ status: 403, body: { reason: 'geen-grondslag' } });

    const jongere: TokenRequest = { role: 'jongere', organisationType: 'platform', sub: subject };
    const given = await call(consent, 'POST', '/me/toestemmingen', jongere, {
      dataCategories: ['contactgegevens', 'schoolgegevens'],
      from: SCHOOL,
      to: { organisationType: 'werk-inkomen' },
      purpose: 'warme-overdracht',
      validFrom: today,
      wordingVersion: 'warme-overdracht-school-wi@1',
      wordingText: 'Mijn school mag mijn gegevens delen met Werk & Inkomen.',
      howGiven: 'digitaal-ondertekend',
    });
    expect(given.status).toBe(201);
    // An adult by the school's uitschrijving (20): the consent counts once the consent service has read that signal.
    await eventually(
      async () =>
        ((await call(consent, 'GET', '/me/toestemmingen', jongere)).body.items as { id: string; awaitingGuardian: boolean }[]).some(
          (t) => t.id === given.body.id && !t.awaitingGuardian,
        ) || undefined,
      15_000,
    );

    const permitted = await dossier();
    expect(permitted).toMatchObject({ status: 200, body: { name: { lastName: 'Bakker' }, basis: `consent:${given.body.id}` } });

    expect((await call(consent, 'POST', `/me/toestemmingen/${given.body.id}/withdraw`, jongere)).status).toBe(200);
    expect(await dossier()).toMatchObject({ status: 403, body: { reason: 'toestemming-ingetrokken' } });

    const wiReads = (await dossierReads()).filter((r) => r.actor_role === 'wi-consulent');
    expect(wiReads.map((r) => r.basis)).toEqual([
      'refused:geen-verwijzing',
      'refused:geen-grondslag',
      `consent:${given.body.id}`,
      'refused:toestemming-ingetrokken',
    ]);
    expect(wiReads.every((r) => r.actor_organisation_id === wiConsulent.organisationId && r.subject === subject)).toBe(true);
    // And the young person reads who asked: the consent service's log names W&I for every ask, allowed or not.
    const log = await call(consent, 'GET', '/me/access-log?pageSize=20', jongere);
    expect(log.body.items.filter((i: Json) => i.requester === wiConsulent.organisationId).map((i: Json) => i.permitted)).toEqual(
      expect.arrayContaining([true, false]),
    );
  });
});
