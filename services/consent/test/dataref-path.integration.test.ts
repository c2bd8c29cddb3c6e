import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@estafette/auth';
import { ConsentClient, ConsentDeniedException, withConsent } from '@estafette/consent-client';
import { createKafka, derivePseudonymousReference, EventPublisher } from '@estafette/messaging';
import { createTestDatabase, provisionTestTopics, startTestIssuer, uniqueTopicPrefix, type TestDatabase, type TestIssuer, kafkaAccess, serviceKafka } from '@estafette/testing';
import { loadConvenanten } from '../src/application/load-convenanten.js';
import { createConsentApp } from '../src/create-consent-app.js';
import { schoolReportsAge } from './support/school-age.js';

// The gate every content endpoint uses, end to end: a holder (RMC) serving a dossier to W&I through
// libs/consent-client, the real consent service deciding, the access log (libs/auth) in the holder's database.
describe('dataref path: consent-client against the real consent service', () => {
  const RMC = { organisationType: 'rmc', id: 'rmc:MC21' } as const;
  const wiReader: Principal = {
    subject: 'wi-consulent-1',
    role: 'wi-consulent',
    organisationType: 'werk-inkomen',
    organisationId: 'oin:00000001002564440000',
  };
  let consentDb: TestDatabase;
  let holderDb: TestDatabase;
  let holder: DataSource;
  let issuer: TestIssuer;
  let app: INestApplication;
  let client: ConsentClient;
  let publisher: EventPublisher;

  beforeAll(async () => {
    const prefix = uniqueTopicPrefix();
    publisher = new EventPublisher(createKafka({ ...kafkaAccess(), clientId: 'dataref-school' }), prefix);
    await provisionTestTopics(prefix);
    [consentDb, holderDb] = await Promise.all([createTestDatabase('consent'), createTestDatabase('holder')]);
    issuer = await startTestIssuer();
    app = await createConsentApp(
      {
        name: 'consent',
        port: 0,
        databaseUrl: consentDb.url,
        ...serviceKafka('consent'),
        topicPrefix: prefix,
        oidcIssuer: issuer.issuer,
        oidcAudience: issuer.audience,
        oidcJwksUrl: issuer.jwksUrl,
      } as never,
      { minorAgeThreshold: 18, organisationId: 'oin:00000001234567890000', convenanten: loadConvenanten() },
      false,
    );
    await app.listen(0, '127.0.0.1');
    // The holder's own store: only the access log table, as the service kit migrates it in every service.
    const { accessLogEntities, accessLogMigrations } = await import('@estafette/auth');
    holder = await new DataSource({
      type: 'postgres',
      url: holderDb.url,
      entities: accessLogEntities,
      migrations: accessLogMigrations,
      migrationsRun: true,
    }).initialize();
    const rmcToken = await issuer.issueToken({ role: 'rmc-consulent', organisationType: 'rmc', organisationId: RMC.id });
    client = new ConsentClient({ baseUrl: await app.getUrl(), accessToken: () => rmcToken, timeoutMs: 2_000 });
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await holder?.destroy();
    await app?.close();
    await issuer?.close();
    await Promise.all([consentDb?.drop(), holderDb?.drop()]);
  });

  test('permitted with consent and logged; after withdrawal the next fetch is denied and loads nothing', async () => {
    const subject = derivePseudonymousReference('test-secret-of-at-least-thirty-two-bytes!', {
      organisationId: 'rmc:MC21',
      personId: randomUUID(),
    });
    const jongere = await issuer.issueToken({ role: 'jongere', organisationType: 'platform', sub: subject });
    // An adult by the school's record: their consent needs no guardian.
    await schoolReportsAge({ publisher, consentDatabaseUrl: consentDb.url, subject, age: 21 });
    const base = await app.getUrl();
    const given = await fetch(`${base}/me/toestemmingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jongere}` },
      body: JSON.stringify({
        dataCategories: ['contactgegevens', 'trajectgegevens'],
        from: RMC,
        to: { organisationType: 'werk-inkomen' },
        purpose: 'warme-overdracht',
        validFrom: '2025-01-01',
        wordingVersion: 'warme-overdracht-rmc-wi@3',
        wordingText: 'tekst',
        howGiven: 'digitaal-ondertekend',
      }),
    });
    const { id } = (await given.json()) as { id: string };
    let loads = 0;
    const fetchDossier = () =>
      holder.transaction((manager) =>
        withConsent({
          consent: client,
          reader: wiReader,
          holder: RMC,
          subject,
          dataCategories: ['trajectgegevens'],
          purpose: 'warme-overdracht',
          resource: `trajectplan/${id}`,
          manager,
          load: async () => ({ plan: 'trajectplan', loads: ++loads }),
        }),
      );

    expect(await fetchDossier()).toEqual({ plan: 'trajectplan', loads: 1 });
    const logged = await holder.query('SELECT subject, resource, basis, actor_organisation_id FROM access_log');
    expect(logged).toEqual([
      { subject, resource: `trajectplan/${id}`, basis: `consent:${id}`, actor_organisation_id: wiReader.organisationId },
    ]);

    await fetch(`${base}/me/toestemmingen/${id}/withdraw`, { method: 'POST', headers: { authorization: `Bearer ${jongere}` } });
    const denied = await fetchDossier().catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(ConsentDeniedException);
    expect((denied as ConsentDeniedException).getStatus()).toBe(403);
    expect((denied as ConsentDeniedException).decision.reason).toBe('toestemming-ingetrokken');
    expect(loads).toBe(1);
    expect(await holder.query('SELECT count(*)::int AS n FROM access_log')).toEqual([{ n: 1 }]);
  });
});
