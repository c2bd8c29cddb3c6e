import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createEvent, overdrachtOffered } from '@estafette/contracts';
import { createKafka, EventPublisher } from '@estafette/messaging';
import {
  eventually,
  pseudonym,
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
import { schoolReportsAge } from '../../consent/test/support/school-age.js';
import { createZorgApp } from '../src/create-zorg-app.js';
import { today as amsterdamToday } from '@estafette/calendar';

const us = { organisationType: 'zorg' as const, id: 'agb:12345678' };
const wiOrg = { organisationType: 'werk-inkomen' as const, id: 'gemeente:GM0344' };
const zorgConsulent: TokenRequest = { role: 'zorg-consulent', organisationType: 'zorg', organisationId: us.id, sub: 'zorg-1' };
const otherZorg: TokenRequest = { role: 'zorg-consulent', organisationType: 'zorg', organisationId: 'agb:87654321', sub: 'zorg-2' };
const wi: TokenRequest = { role: 'wi-consulent', organisationType: 'werk-inkomen', organisationId: wiOrg.id, sub: 'wi-1' };
const rmc: TokenRequest = { role: 'rmc-consulent', organisationType: 'rmc', organisationId: 'rmc:MC21', sub: 'consulent-23' };
const today = amsterdamToday();

// Care information is a special category: it leaves the zorg store only on explicit consent, decided by the real consent service.
describe('zorg: care information, recorded here and read elsewhere only with consent', () => {
  const prefix = uniqueTopicPrefix();
  const bus = new EventPublisher(createKafka({ ...kafkaAccess(), clientId: 'zorg-care-test' }), prefix);
  let issuer: TestIssuer;
  let consent: ServiceUnderTest<INestApplication>;
  let zorg: ServiceUnderTest<INestApplication>;
  const overdrachtId = randomUUID();
  const subject = pseudonym();

  beforeAll(async () => {
    issuer = await startTestIssuer();
    consent = await startServiceUnderTest(
      'consentcare',
      (config) =>
        createConsentApp(
          config as never,
          { minorAgeThreshold: 18, organisationId: 'oin:00000001234567890000', convenanten: loadConvenanten() },
          false,
        ),
      { prefix, issuer },
    );
    const serviceToken = await issuer.issueToken({ role: 'service', organisationType: 'zorg', sub: 'estafette-zorg-service' });
    zorg = await startServiceUnderTest(
      'zorgcare',
      (config) =>
        createZorgApp(
          config,
          {
            timerIntervalMs: 60_000,
            publicUrl: 'http://zorg.test',
            consent: { baseUrl: consent.url, accessToken: () => serviceToken, timeoutMs: 10_000 },
          },
          false,
        ),
      { prefix, issuer },
    );
    await bus.publish(
      createEvent(overdrachtOffered, {
        source: 'urn:nld:gemeente:GM0344:estafette-werk-inkomen',
        subject,
        data: {
          overdrachtId,
          from: wiOrg,
          to: us,
          purpose: 'zorg',
          handoverReason: 'ondersteuning-nodig',
          legalBasis: 'publieke-taak',
          responseDueAt: new Date(Date.now() + 86_400_000).toISOString(),
          ageAtOffer: 20,
          municipalityOfResidence: 'GM0344',
        },
      }),
    );
    await eventually(async () =>
      (await call(zorg.url, 'GET', `/verwijzingen/${overdrachtId}`, zorgConsulent)).status === 200 ? true : undefined,
    );
  });

  afterAll(async () => {
    await bus.disconnect();
    await zorg?.close();
    await consent?.close();
    await issuer?.close();
  });

  async function call(base: string, method: string, path: string, who: TokenRequest, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${await issuer.issueToken(who)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }
  const care = (who: TokenRequest, query = '') => call(zorg.url, 'GET', `/verwijzingen/${overdrachtId}/zorginformatie${query}`, who);
  const reads = () =>
    sql(zorg.db.url, 'SELECT actor_organisation_id, basis FROM access_log WHERE resource = $1 ORDER BY id', [
      `verwijzing/${overdrachtId}/zorginformatie`,
    ]);

  test('recorded only by the care provider that took the young person over, with a kind and a reason', async () => {
    const record = { kind: 'ggz', summary: 'Behandeling angstklachten, wekelijks gesprek', startDate: today };
    expect((await call(zorg.url, 'POST', `/verwijzingen/${overdrachtId}/zorginformatie`, zorgConsulent, record)).status).toBe(409); // not accepted yet
    expect(
      (await call(zorg.url, 'POST', `/verwijzingen/${overdrachtId}/acceptatie`, zorgConsulent, { contactPerson: 'M. Jansen, GGZ' })).status,
    ).toBe(201);
    const bad = await call(zorg.url, 'POST', `/verwijzingen/${overdrachtId}/zorginformatie`, zorgConsulent, {
      kind: 'huisarts',
      summary: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'summary']);
    expect((await call(zorg.url, 'POST', `/verwijzingen/${overdrachtId}/zorginformatie`, otherZorg, record)).status).toBe(404);
    expect((await call(zorg.url, 'POST', `/verwijzingen/${overdrachtId}/zorginformatie`, zorgConsulent, record)).status).toBe(201);
    expect((await care(zorgConsulent)).body).toMatchObject({
      items: [{ kind: 'ggz', summary: record.summary }],
      basis: 'own-organisation',
    });
  });

  test('another organisation is refused with the reason until the young person consents, and again after withdrawal; every read is logged', async () => {
    const denied = await care(wi);
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ reason: expect.any(String) });
    expect(JSON.stringify(denied.body)).not.toContain('angstklachten');
    expect((await care(rmc)).status).toBe(403); // no convenant shares care information on a legal task
    expect((await care(otherZorg)).status).toBe(403);

    const jongere = { role: 'jongere', organisationType: 'platform', sub: subject } as TokenRequest;
    // An adult by the school's record, so their own consent counts without a guardian.
    await schoolReportsAge({ publisher: bus, consentDatabaseUrl: consent.db.url, subject, age: 20 });
    const given = await call(consent.url, 'POST', '/me/toestemmingen', jongere, {
      dataCategories: ['zorginformatie'],
      from: us,
      to: wiOrg,
      purpose: 'warme-overdracht',
      validFrom: today,
      wordingVersion: 'zorgsamenvatting-wi@1',
      wordingText: 'Mijn zorgaanbieder mag informatie over mijn zorg delen met Werk & Inkomen.',
      howGiven: 'digitaal-ondertekend',
    });
    expect(given.status).toBe(201);
    const permitted = await care(wi);
    expect(permitted).toMatchObject({ status: 200, body: { items: [{ kind: 'ggz' }], basis: `consent:${given.body.id}` } });
    // Specific: a consent for the warm handover is not one for another purpose, nor for another organisation.
    expect((await care(wi, '?purpose=trajectbegeleiding')).status).toBe(403);
    expect((await care(rmc)).status).toBe(403);

    expect((await call(consent.url, 'POST', `/me/toestemmingen/${given.body.id}/withdraw`, jongere)).status).toBe(200);
    expect((await care(wi)).status).toBe(403);
    // The refusals wrote nothing (nothing was shared); the own read and the permitted read are logged.
    expect(await reads()).toEqual([
      { actor_organisation_id: us.id, basis: 'own-organisation' },
      { actor_organisation_id: wiOrg.id, basis: `consent:${given.body.id}` },
    ]);
  });
});
