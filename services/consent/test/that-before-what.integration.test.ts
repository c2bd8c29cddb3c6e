import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@estafette/auth';
import { ConsentClient, ConsentDeniedException, withConsent, withSignal } from '@estafette/consent-client';
import { createKafka, derivePseudonymousReference, EventPublisher } from '@estafette/messaging';
import {
  createTestDatabase,
  kafkaBrokers,
  provisionTestTopics,
  startTestIssuer,
  uniqueTopicPrefix,
  type TestDatabase,
  type TestIssuer,
} from '@estafette/testing';
import { loadConvenanten } from '../src/application/load-convenanten.js';
import { createConsentApp } from '../src/create-consent-app.js';
import { schoolReportsAge } from './support/school-age.js';

type Json = Record<string, any>;

// THAT before WHAT (docs/privacy.md): a signaal-level permit (the MC21 convenant's signaal flows) gives who is
// involved and nothing of the young person; the same question for content is refused. Then the young person sees
// which organisation knows that, and which knows what. Real consent service, real databases.
describe('THAT before WHAT: signaal and inhoud through the real consent service', () => {
  const RMC = { organisationType: 'rmc', id: 'rmc:MC21' } as const;
  const wi: Principal = {
    subject: 'wi-1',
    role: 'wi-consulent',
    organisationType: 'werk-inkomen',
    organisationId: 'oin:00000001002564440000',
  };
  const school: Principal = { subject: 'mentor-1', role: 'school-staff', organisationType: 'school', organisationId: 'brin:25XY' };
  const zorg: Principal = { subject: 'zorg-1', role: 'zorg-consulent', organisationType: 'zorg', organisationId: 'agb:73730123' };
  const subject = derivePseudonymousReference('test-secret-of-at-least-thirty-two-bytes!', {
    organisationId: 'rmc:MC21',
    personId: randomUUID(),
  });
  let consentDb: TestDatabase;
  let holderDb: TestDatabase;
  let holder: DataSource;
  let issuer: TestIssuer;
  let app: INestApplication;
  let client: ConsentClient;
  let publisher: EventPublisher;
  let loads = 0;

  beforeAll(async () => {
    const prefix = uniqueTopicPrefix();
    publisher = new EventPublisher(createKafka({ brokers: kafkaBrokers(), clientId: 'that-what-school' }), prefix);
    await provisionTestTopics(prefix);
    [consentDb, holderDb] = await Promise.all([createTestDatabase('consent'), createTestDatabase('holder')]);
    issuer = await startTestIssuer();
    app = await createConsentApp(
      {
        name: 'consent',
        port: 0,
        databaseUrl: consentDb.url,
        migrationUrl: consentDb.ownerUrl,
        kafkaBrokers: kafkaBrokers(),
        topicPrefix: prefix,
        oidcIssuer: issuer.issuer,
        oidcAudience: issuer.audience,
        oidcJwksUrl: issuer.jwksUrl,
      } as never,
      { minorAgeThreshold: 18, organisationId: 'oin:00000001234567890000', convenanten: loadConvenanten() },
      false,
    );
    await app.listen(0, '127.0.0.1');
    const { accessLogEntities, accessLogMigrations } = await import('@estafette/auth');
    holder = await new DataSource({
      type: 'postgres',
      url: holderDb.ownerUrl, // a stand-in holder that migrates its own access log
      entities: accessLogEntities,
      migrations: accessLogMigrations,
      migrationsRun: true,
    }).initialize();
    const rmcToken = await issuer.issueToken({ role: 'rmc-consulent', organisationType: 'rmc', organisationId: RMC.id });
    client = new ConsentClient({ baseUrl: await app.getUrl(), accessToken: () => rmcToken, timeoutMs: 5_000 });
    await schoolReportsAge({ publisher, consentDatabaseUrl: consentDb.url, subject, age: 21 });
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await holder?.destroy();
    await app?.close();
    await issuer?.close();
    await Promise.all([consentDb?.drop(), holderDb?.drop()]);
  });

  // Who holds the baton, as the RMC would answer it; the loader tries to slip the young person's name along.
  const whoIsInvolved = (reader: Principal, purpose: string) =>
    holder.transaction((manager) =>
      withSignal({
        consent: client,
        reader,
        holder: RMC,
        subject,
        dataCategories: ['trajectgegevens'],
        purpose,
        resource: `betrokkenheid/${subject}`,
        manager,
        load: async () => {
          loads++;
          return [
            {
              organisation: RMC,
              role: 'regiehouder',
              contactChannel: 'team-vsv@mc21.example',
              name: 'Noor Bakker',
              birthDate: '2005-01-15',
            },
          ] as never;
        },
      }),
    );
  const content = (reader: Principal, purpose: string) =>
    holder.transaction((manager) =>
      withConsent({
        consent: client,
        reader,
        holder: RMC,
        subject,
        dataCategories: ['trajectgegevens'],
        purpose,
        resource: `trajectplan/${subject}`,
        manager,
        load: async () => ({ plan: 'het trajectplan', loads: ++loads }),
      }),
    );

  test('a signaal-level permit returns who is involved and no field of the young person', async () => {
    const answer = await whoIsInvolved(wi, 'trajectbegeleiding');
    expect(answer).toEqual({
      items: [{ organisation: RMC, role: 'regiehouder', contactChannel: 'team-vsv@mc21.example' }],
      basis: 'legal-basis:convenant-mc21@1/rmc-wi-signaal',
    });
    expect(JSON.stringify(answer)).not.toMatch(/Noor|Bakker|2005/);
    expect(await holder.query('SELECT resource, basis FROM access_log WHERE actor_organisation_id = $1', [wi.organisationId])).toEqual([
      { resource: `betrokkenheid/${subject}`, basis: 'legal-basis:convenant-mc21@1/rmc-wi-signaal' },
    ]);
  });

  test('the content route still needs inhoud: the same question is refused and loads nothing', async () => {
    const before = loads;
    const denied = await content(wi, 'trajectbegeleiding').catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(ConsentDeniedException);
    expect((denied as ConsentDeniedException).decision).toMatchObject({ reason: 'alleen-signaal-toegestaan', levelAllowed: 'signaal' });
    expect(loads).toBe(before);
    // Without any basis even the signal is refused.
    await expect(whoIsInvolved(zorg, 'trajectbegeleiding')).rejects.toBeInstanceOf(ConsentDeniedException);
  });

  test('the young person sees who knows THAT and who knows WHAT, with when, from whom and why', async () => {
    const jongere = await issuer.issueToken({ role: 'jongere', organisationType: 'platform', sub: subject });
    const base = await app.getUrl();
    const given = await fetch(`${base}/me/toestemmingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jongere}` },
      body: JSON.stringify({
        dataCategories: ['trajectgegevens'],
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
    await content(wi, 'warme-overdracht');
    await whoIsInvolved(school, 'terugmelding');
    const res = await fetch(`${base}/me/wie-weet-wat`, { headers: { authorization: `Bearer ${jongere}` } });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Json[] };
    expect(items).toEqual([
      {
        organisation: { organisationType: 'werk-inkomen', id: wi.organisationId, name: null },
        level: 'inhoud',
        at: expect.any(String),
        holder: { ...RMC, name: null },
        purpose: 'warme-overdracht',
        basis: { kind: 'toestemming', toestemmingId: id, grondslag: 'toestemming' },
      },
      {
        organisation: { organisationType: 'school', id: school.organisationId, name: null },
        level: 'signaal',
        at: expect.any(String),
        holder: { ...RMC, name: null },
        purpose: 'terugmelding',
        basis: expect.objectContaining({ kind: 'convenant', flowId: 'rmc-school-terugmelding' }),
      },
    ]);
    const rmcToken = await issuer.issueToken({ role: 'rmc-consulent', organisationType: 'rmc', organisationId: RMC.id });
    expect((await fetch(`${base}/me/wie-weet-wat`, { headers: { authorization: `Bearer ${rmcToken}` } })).status).toBe(403);
  });
});
