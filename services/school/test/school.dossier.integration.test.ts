import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { actingUserHeader } from '@estafette/auth';
import { createEvent, overdrachtOffered, overdrachtWithdrawn, vsvMeldingCancelled, vsvMeldingRegistered } from '@estafette/contracts';
import { createKafka, EventPublisher } from '@estafette/messaging';
import {
  eventually,
  sql,
  startServiceUnderTest,
  startTestIssuer,
  uniqueTopicPrefix,
  type ServiceUnderTest,
  type TestIssuer,
  type TokenRequest,
  kafkaAccess,
} from '@estafette/testing';
import { loadConvenanten } from '../../consent/src/application/load-convenanten.js';
import { createConsentApp } from '../../consent/src/create-consent-app.js';
import { createSchoolApp } from '../src/create-school-app.js';

const schoolSystem: TokenRequest = { role: 'school-system', organisationType: 'school', organisationId: 'brin:25XY', sub: 'client-25xy' };
const mc21: TokenRequest = { role: 'rmc-consulent', organisationType: 'rmc', organisationId: 'rmc:MC21', sub: 'consulent-23' };
const mc19: TokenRequest = { role: 'rmc-consulent', organisationType: 'rmc', organisationId: 'rmc:MC19', sub: 'consulent-25' };
const wi: TokenRequest = {
  role: 'wi-consulent',
  organisationType: 'werk-inkomen',
  organisationId: 'oin:00000001002564440000',
  sub: 'wi-1',
};
const wiElsewhere: TokenRequest = {
  role: 'wi-consulent',
  organisationType: 'werk-inkomen',
  organisationId: 'gemeente:GM0344',
  sub: 'wi-utrecht',
};
const contact = {
  firstName: 'Sam',
  lastName: 'de Vries',
  phone: '+31612345678',
  email: 'sam@example.nl',
  street: 'Dorpsstraat',
  houseNumber: '12a',
  postcode: '1011 AB',
  city: 'Amsterdam',
};
const leaver = {
  schoolReference: 'UIT-DOSSIER-1',
  studentNumber: '555001',
  birthDate: '2006-04-01',
  deregistrationDate: new Date().toISOString().slice(0, 10),
  schoolType: 'mbo',
  schoolLevel: 'mbo-1',
  highestDiploma: 'vmbo-bb',
  reason: 'zonder-vervolg',
  exitInterviewHeld: false,
  municipalityOfResidence: 'GM0363',
  contact,
};

// The dataref path at its owner: the real consent service decides, asked with the school service's own (service-role) token.
describe('school: GET /uitschrijvingen/:id/dossier, gated by the consent service', () => {
  const prefix = uniqueTopicPrefix();
  let issuer: TestIssuer;
  let consent: ServiceUnderTest<INestApplication>;
  let school: ServiceUnderTest<INestApplication>;
  let id: string;
  let reference: string;
  let rmc: EventPublisher;
  const referral = crypto.randomUUID();

  /** The RMC's vsv-melding about the leaver reaches the school over the real bus; need-to-know reads it from there. */
  async function rmcSays(event: ReturnType<typeof createEvent>, status: string) {
    await rmc.publish(event);
    await eventually(
      async () =>
        (await sql(school.db.url, 'SELECT 1 FROM uitschrijving WHERE id = $1 AND nazorg_status = $2', [id, status])).length === 1 ||
        undefined,
    );
  }

  beforeAll(async () => {
    issuer = await startTestIssuer();
    consent = await startServiceUnderTest(
      'consentdossier',
      (config) =>
        createConsentApp(
          config as never,
          { minorAgeThreshold: 18, organisationId: 'oin:00000001234567890000', convenanten: loadConvenanten() },
          false,
        ),
      { prefix, issuer },
    );
    const serviceToken = await issuer.issueToken({ role: 'service', organisationType: 'school', sub: 'estafette-school-service' });
    school = await startServiceUnderTest(
      'schooldossier',
      (config) =>
        createSchoolApp(
          config,
          {
            pseudonymSecret: 'test-secret-of-at-least-thirty-two-bytes!',
            publicUrl: 'http://school.test',
            consent: { baseUrl: consent.url, accessToken: () => serviceToken, timeoutMs: 10_000 },
          },
          false,
        ),
      { prefix, issuer },
    );
    const created = await call('POST', '/uitschrijvingen', schoolSystem, leaver);
    expect(created.status).toBe(201);
    ({ id } = (await created.json()) as { id: string });
    [{ pseudonymous_reference: reference }] = await sql<{ pseudonymous_reference: string }>(
      school.db.url,
      'SELECT pseudonymous_reference FROM uitschrijving WHERE id = $1',
      [id],
    );
    rmc = new EventPublisher(createKafka({ ...kafkaAccess(), clientId: 'school-dossier-test' }), prefix);
    const example = vsvMeldingRegistered.example;
    await rmcSays(
      createEvent(vsvMeldingRegistered, { source: example.source, subject: reference, data: { ...example.data, uitschrijvingId: id } }),
      'vsv-gemeld',
    );
    // The RMC refers the young person to W&I (oin:...0000): that W&I may ask, consent permitting; another W&I may not.
    await rmc.publish(
      createEvent(overdrachtOffered, {
        source: overdrachtOffered.example.source,
        subject: reference,
        data: {
          ...overdrachtOffered.example.data,
          overdrachtId: referral,
          to: { organisationType: 'werk-inkomen', id: wi.organisationId! },
        },
      }),
    );
    await eventually(
      async () =>
        (await sql(school.db.url, 'SELECT 1 FROM verwijzing_gezien WHERE overdracht_id = $1', [referral])).length === 1 || undefined,
    );
  });

  afterAll(async () => {
    await rmc?.disconnect();
    await school?.close();
    await consent?.close();
    await issuer?.close();
  });

  async function call(method: string, path: string, who: TokenRequest, body?: unknown) {
    return fetch(`${school.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await issuer.issueToken(who)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  }
  const accessLog = () =>
    sql(school.db.url, 'SELECT actor_subject, actor_organisation_id, subject, resource, basis FROM access_log WHERE resource LIKE $1', [
      `%/dossier`,
    ]);

  test("the region's RMC reads name, contact and school career on the legal basis, and the read is logged", async () => {
    const res = await call('GET', `/uitschrijvingen/${id}/dossier`, mc21);
    expect(res.status).toBe(200);
    const basis = 'legal-basis:convenant-mc21@1/school-rmc-uitschrijving';
    expect(await res.json()).toMatchObject({
      uitschrijvingId: id,
      school: 'brin:25XY',
      name: { firstName: 'Sam', lastName: 'de Vries' },
      birthDate: '2006-04-01',
      contact: { phone: '+31612345678', postcode: '1011 AB', city: 'Amsterdam' },
      schoolCareer: { highestDiploma: 'vmbo-bb', hasStartkwalificatie: false },
      basis,
    });
    expect(await accessLog()).toEqual([
      {
        actor_subject: 'consulent-23',
        actor_organisation_id: 'rmc:MC21',
        subject: expect.stringMatching(/^pr_/),
        resource: `uitschrijving/${id}/dossier`,
        basis,
      },
    ]);
  });

  test('another region or a W&I without a referral (need-to-know), or the referred W&I without consent, gets 403 with the reason; the refusal is logged, nothing as read', async () => {
    const before = (await accessLog()).length;
    for (const [who, reason] of [
      [mc19, 'andere-regio'],
      [wiElsewhere, 'geen-verwijzing'],
      [wi, 'geen-grondslag'],
    ] as const) {
      const res = await call('GET', `/uitschrijvingen/${id}/dossier`, who);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ reason });
    }
    expect((await accessLog()).slice(before)).toEqual([
      expect.objectContaining({ actor_subject: 'consulent-25', actor_organisation_id: 'rmc:MC19', basis: 'refused:andere-regio' }),
      expect.objectContaining({ actor_subject: 'wi-utrecht', actor_organisation_id: 'gemeente:GM0344', basis: 'refused:geen-verwijzing' }),
      expect.objectContaining({ actor_subject: 'wi-1', actor_organisation_id: wi.organisationId, basis: 'refused:geen-grondslag' }),
    ]);
  });

  test("the RMC service reads for its consulent with its own token: decided and logged for the consulent; it cannot act for another kind's user", async () => {
    const asService = async (kind: string, user: Parameters<typeof actingUserHeader>[0]) =>
      fetch(`${school.url}/uitschrijvingen/${id}/dossier`, {
        headers: {
          authorization: `Bearer ${await issuer.issueToken({ role: 'service', organisationType: kind, sub: `estafette-${kind}-service` })}`,
          'x-estafette-acting-user': actingUserHeader(user),
        },
      });
    const consulent = {
      subject: 'consulent-23',
      role: 'rmc-consulent' as const,
      organisationType: 'rmc' as const,
      organisationId: 'rmc:MC21',
    };
    const before = (await accessLog()).length;
    const res = await asService('rmc', consulent);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ uitschrijvingId: id, name: { lastName: 'de Vries' } });
    expect((await accessLog()).slice(before)).toEqual([
      expect.objectContaining({
        actor_subject: 'consulent-23',
        actor_organisation_id: 'rmc:MC21',
        basis: expect.stringMatching(/^legal-basis:/),
      }),
    ]);
    const posing = await asService('werk-inkomen', consulent);
    expect(posing.status).toBe(403);
    expect(await posing.json()).toMatchObject({ reason: 'acting-user-not-of-service' });
  });

  test('an unknown id is 404; a school cannot use the route at all', async () => {
    expect((await call('GET', `/uitschrijvingen/${crypto.randomUUID()}/dossier`, mc21)).status).toBe(404);
    expect((await call('GET', `/uitschrijvingen/${id}/dossier`, schoolSystem)).status).toBe(403);
  });

  test("a receiver knows only the young person's pseudonymous reference: it finds the same dossier by it, under the same consent check", async () => {
    const res = await call('GET', `/uitschrijvingen/${reference}/dossier`, mc21);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ uitschrijvingId: id, name: { lastName: 'de Vries' } });
    const denied = await call('GET', `/uitschrijvingen/${reference}/dossier`, wi);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ reason: 'geen-grondslag' });
    expect((await call('GET', `/uitschrijvingen/pr_${'0'.repeat(26)}/dossier`, mc21)).status).toBe(404);
    const bad = await call('GET', '/uitschrijvingen/not-an-id/dossier', mc21);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'id' }] });
  });

  test('a W&I asking by reference gets the uitschrijving its referral names, never a later record another school planted under the same BSN', async () => {
    const bsn = '111222333';
    const otherSchool: TokenRequest = { ...schoolSystem, organisationId: 'brin:99ZZ', sub: 'client-99zz' };
    const post = async (who: TokenRequest, schoolReference: string) => {
      const res = await call('POST', '/uitschrijvingen', who, { ...leaver, bsn, schoolReference, contact: undefined });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const referred = await post(schoolSystem, 'UIT-PLANT-A');
    const planted = await post(otherSchool, 'UIT-PLANT-B');
    const [{ pseudonymous_reference: shared }] = await sql<{ pseudonymous_reference: string }>(
      school.db.url,
      'SELECT DISTINCT pseudonymous_reference FROM uitschrijving WHERE id = ANY($1)',
      [[referred, planted]],
    );
    const overdrachtId = crypto.randomUUID();
    await rmc.publish(
      createEvent(overdrachtOffered, {
        source: overdrachtOffered.example.source,
        subject: shared,
        data: {
          ...overdrachtOffered.example.data,
          overdrachtId,
          uitschrijvingId: referred,
          to: { organisationType: 'werk-inkomen', id: wi.organisationId! },
        },
      }),
    );
    await eventually(
      async () =>
        (
          await sql(school.db.url, 'SELECT 1 FROM verwijzing_gezien WHERE overdracht_id = $1 AND uitschrijving_id = $2', [
            overdrachtId,
            referred,
          ])
        ).length === 1 || undefined,
    );
    const before = (await accessLog()).length;
    // Consent is not given, so both reads are refused; what matters is which record each one was about.
    const byReference = await call('GET', `/uitschrijvingen/${shared}/dossier`, wi);
    expect(byReference.status).toBe(403);
    expect(await byReference.json()).toMatchObject({ reason: 'geen-grondslag' });
    const plantedById = await call('GET', `/uitschrijvingen/${planted}/dossier`, wi);
    expect(plantedById.status).toBe(403);
    expect(await plantedById.json()).toMatchObject({ reason: 'geen-verwijzing' });
    expect((await accessLog()).slice(before)).toEqual([
      expect.objectContaining({ actor_subject: 'wi-1', resource: `uitschrijving/${referred}/dossier`, basis: 'refused:geen-grondslag' }),
      expect.objectContaining({ actor_subject: 'wi-1', resource: `uitschrijving/${planted}/dossier`, basis: 'refused:geen-verwijzing' }),
    ]);
  });

  test('contact data is validated per field, and the name is required when contact data is sent', async () => {
    const res = await call('POST', '/uitschrijvingen', schoolSystem, {
      ...leaver,
      schoolReference: 'UIT-DOSSIER-BAD',
      contact: { lastName: 'X', postcode: '1011', email: 'nope', phone: 'call me' },
    });
    expect(res.status).toBe(400);
    const fields = ((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['contact.firstName', 'contact.postcode', 'contact.email', 'contact.phone']));
  });

  test('the contact data is stored at the school, and not in the event on the outbox', async () => {
    const [row] = await sql(school.db.url, 'SELECT contact FROM uitschrijving WHERE id = $1', [id]);
    expect(row).toEqual({ contact });
    const outbox = JSON.stringify(await sql(school.db.url, 'SELECT * FROM outbox'));
    expect(outbox).toContain(id);
    for (const personal of ['de Vries', '+31612345678', '1011 AB']) expect(outbox).not.toContain(personal);
  });

  test('once the RMC cancels the vsv-melding, the RMC is refused with the reason (no open vsv-melding)', async () => {
    const example = vsvMeldingCancelled.example;
    await rmcSays(
      createEvent(vsvMeldingCancelled, { source: example.source, subject: reference, data: { ...example.data, uitschrijvingId: id } }),
      'vsv-vervallen',
    );
    const res = await call('GET', `/uitschrijvingen/${id}/dossier`, mc21);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ reason: 'geen-open-vsv-melding' });
  });

  test('once the referral is withdrawn, the W&I it was addressed to is refused too (no referral)', async () => {
    await rmc.publish(
      createEvent(overdrachtWithdrawn, {
        source: overdrachtWithdrawn.example.source,
        subject: reference,
        data: {
          ...overdrachtWithdrawn.example.data,
          overdrachtId: referral,
          to: { organisationType: 'werk-inkomen', id: wi.organisationId! },
        } as never,
      }),
    );
    await eventually(
      async () =>
        (await sql(school.db.url, 'SELECT 1 FROM verwijzing_gezien WHERE overdracht_id = $1 AND NOT open', [referral])).length === 1 ||
        undefined,
    );
    const res = await call('GET', `/uitschrijvingen/${id}/dossier`, wi);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ reason: 'geen-verwijzing' });
  });
});
