import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createKafka, derivePseudonymousReference, EventPublisher } from '@estafette/messaging';
import {
  createTestDatabase,
  kafkaAccess,
  provisionTestTopics,
  serviceKafka,
  startTestIssuer,
  uniqueTopicPrefix,
  type TestDatabase,
  type TestIssuer,
} from '@estafette/testing';
import { addDays, today } from '@estafette/calendar';
import { loadConvenanten } from '../src/application/load-convenanten.js';
import { createConsentApp } from '../src/create-consent-app.js';
import { schoolReportsAge } from './support/school-age.js';
import { startWerkrelatiePeer, type WerkrelatiePeer } from './support/werkrelatie-peer.js';

// Consent asked in context (issue 23): W&I asks, the young person (and a minor's guardian) answers, W&I sees it.
const WI = { organisationType: 'werk-inkomen', id: 'gemeente:GM0363' } as const;
const SCHOOL = { organisationType: 'school', id: 'brin:25XY' } as const;
const newSubject = () =>
  derivePseudonymousReference('test-secret-of-at-least-thirty-two-bytes!', { organisationId: 'brin:25XY', personId: randomUUID() });
type Json = Record<string, any>;

describe('consent requests against a real database, broker and token issuer', () => {
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ ...kafkaAccess(), clientId: 'consent-verzoek-test' });
  let db: TestDatabase;
  let issuer: TestIssuer;
  let app: INestApplication;
  let base: string;
  let school: EventPublisher;
  let wi: string;
  let wiService: WerkrelatiePeer;
  // W&I's own service says whom it works with; filled per young person below.
  const sources: { service: string; baseUrl: string }[] = [];

  beforeAll(async () => {
    wiService = await startWerkrelatiePeer();
    sources.push({ service: 'werk-inkomen', baseUrl: wiService.baseUrl });
    await provisionTestTopics(prefix);
    db = await createTestDatabase('consentverzoek');
    issuer = await startTestIssuer();
    app = await createConsentApp(
      {
        name: 'consent',
        port: 0,
        host: '127.0.0.1',
        databaseUrl: db.url,
        migrationUrl: db.ownerUrl,
        ...serviceKafka('consent'),
        topicPrefix: prefix,
        oidcIssuer: issuer.issuer,
        oidcAudience: issuer.audience,
        oidcJwksUrl: issuer.jwksUrl,
      } as never,
      {
        minorAgeThreshold: 18,
        organisationId: 'oin:00000001234567890000',
        convenanten: loadConvenanten(),
        holders: {
          sources,
          serviceToken: () => issuer.issueToken({ role: 'service', organisationType: 'platform', sub: 'estafette-consent-service' }),
        },
      },
      false,
    );
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    school = new EventPublisher(kafka, prefix);
    wi = await issuer.issueToken({
      role: 'wi-consulent',
      organisationType: 'werk-inkomen',
      organisationId: WI.id,
      sub: 'consulent@gm0363',
    });
  });

  afterAll(async () => {
    await school?.disconnect();
    await app?.close();
    await issuer?.close();
    await wiService?.close();
    await db?.drop();
  });

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const jongere = (subject: string) => issuer.issueToken({ role: 'jongere', organisationType: 'platform', sub: subject });
  const guardianOf = (child: string) =>
    issuer.issueToken({ role: 'ouder-of-voogd', organisationType: 'platform', sub: `ouder-${randomUUID()}`, guardianOf: [child] });
  const request = (subject: string, overrides: Record<string, unknown> = {}) => ({
    subject,
    dataCategories: ['schoolgegevens', 'contactgegevens'],
    from: SCHOOL,
    purpose: 'warme-overdracht',
    reason: 'We willen je helpen een baan te vinden die past bij je opleiding.',
    validUntil: addDays(today(), 90),
    ...overrides,
  });

  /** A young person W&I works with, by its own service's answer. */
  const wiYoungPerson = () => {
    const subject = newSubject();
    wiService.works.add(`${subject} ${WI.id}`);
    return subject;
  };

  test('W&I asks an adult: the young person reads the exact text, approves, and the school may now share with W&I', async () => {
    const subject = wiYoungPerson();
    await schoolReportsAge({ publisher: school, consentDatabaseUrl: db.url, subject, age: 20 });
    const asked = await call('POST', '/verzoeken', wi, request(subject));
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'open', requester: { id: WI.id }, from: { id: SCHOOL.id }, toestemming: null });
    expect(asked.body.wordingText).toContain('vraagt je toestemming om deze gegevens van brin:25XY te krijgen');
    expect(asked.body.wordingText).toContain('We willen je helpen een baan te vinden die past bij je opleiding.');

    const me = await jongere(subject);
    const mine = await call('GET', '/me/verzoeken', me);
    expect(mine.body.items.map((v: Json) => v.id)).toEqual([asked.body.id]);
    // Before the answer the school may not share (no consent, no legal flow for this purpose to W&I).
    const schoolSystem = await issuer.issueToken({ role: 'school-system', organisationType: 'school', organisationId: SCHOOL.id });
    const ask = () =>
      call('POST', '/decisions', schoolSystem, {
        from: SCHOOL,
        to: WI,
        subject,
        dataCategories: ['schoolgegevens'],
        purpose: 'warme-overdracht',
      });
    expect((await ask()).body.permit).toBe(false);

    const approved = await call('POST', `/me/verzoeken/${asked.body.id}/akkoord`, me);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'akkoord', toestemming: { status: 'active', awaitingGuardian: false } });
    // The consent made has the request's text word for word, and it counts.
    const consents = await call('GET', '/me/toestemmingen', me);
    expect(consents.body.items[0]).toMatchObject({
      wordingText: asked.body.wordingText,
      to: WI,
      from: SCHOOL,
      validUntil: request(subject).validUntil,
    });
    expect((await ask()).body.permit).toBe(true);
    // The requester sees the answer; a second answer is 409.
    const theirs = await call('GET', '/verzoeken', wi);
    expect(theirs.body.items.find((v: Json) => v.id === asked.body.id)).toMatchObject({
      status: 'akkoord',
      toestemming: { status: 'active' },
    });
    expect((await call('POST', `/me/verzoeken/${asked.body.id}/afwijzing`, me)).status).toBe(409);
    // The young person's inzage shows the request with its exact text and the answer.
    const inzage = await call('GET', '/me/inzage', me);
    const own = (inzage.body.sections as Json[]).find((section) => section.service === 'consent')!;
    expect(own.records.find((r: Json) => r.category === 'Vraag om toestemming')?.fields).toMatchObject({
      Tekst: asked.body.wordingText,
      Antwoord: 'akkoord',
    });
  });

  test('a minor approves: the consent waits for the guardian, who sees the same text and co-signs; then it counts', async () => {
    const subject = wiYoungPerson();
    await schoolReportsAge({ publisher: school, consentDatabaseUrl: db.url, subject, age: 16 });
    const asked = await call('POST', '/verzoeken', wi, request(subject));
    const approved = await call('POST', `/me/verzoeken/${asked.body.id}/akkoord`, await jongere(subject));
    expect(approved.body.toestemming).toMatchObject({ awaitingGuardian: true });
    expect((await call('GET', '/verzoeken', wi)).body.items.find((v: Json) => v.id === asked.body.id).toestemming.awaitingGuardian).toBe(
      true,
    );
    const parent = await guardianOf(subject);
    const waiting = await call('GET', '/guardian/toestemmingen', parent);
    expect(waiting.body.items).toEqual([expect.objectContaining({ wordingText: asked.body.wordingText })]);
    expect((await call('POST', `/guardian/toestemmingen/${waiting.body.items[0].id}/co-sign`, parent)).status).toBe(200);
    expect((await call('GET', '/verzoeken', wi)).body.items.find((v: Json) => v.id === asked.body.id).toestemming).toMatchObject({
      awaitingGuardian: false,
      status: 'active',
    });
  });

  test('a minor approves and the guardian declines: the requester reads that the guardian declined it', async () => {
    const subject = wiYoungPerson();
    await schoolReportsAge({ publisher: school, consentDatabaseUrl: db.url, subject, age: 15 });
    const asked = await call('POST', '/verzoeken', wi, request(subject));
    await call('POST', `/me/verzoeken/${asked.body.id}/akkoord`, await jongere(subject));
    const parent = await guardianOf(subject);
    const [waiting] = (await call('GET', '/guardian/toestemmingen', parent)).body.items as Json[];
    expect((await call('POST', `/guardian/toestemmingen/${waiting!.id}/weigering`, parent)).status).toBe(200);
    const theirs = (await call('GET', '/verzoeken', wi)).body.items.find((v: Json) => v.id === asked.body.id);
    expect(theirs).toMatchObject({
      status: 'akkoord',
      toestemming: { status: 'withdrawn', withdrawnBy: 'ouder-of-voogd', awaitingGuardian: false },
    });
  });

  test('the young person declines: nothing is given, the requester sees afgewezen; nobody else answers or reads it', async () => {
    const subject = wiYoungPerson();
    const asked = await call('POST', '/verzoeken', wi, request(subject));
    const other = await jongere(newSubject());
    expect((await call('GET', '/me/verzoeken', other)).body.items).toEqual([]);
    expect((await call('POST', `/me/verzoeken/${asked.body.id}/akkoord`, other)).status).toBe(404);
    const declined = await call('POST', `/me/verzoeken/${asked.body.id}/afwijzing`, await jongere(subject));
    expect(declined.body).toMatchObject({ status: 'afgewezen', toestemming: null });
    expect((await call('GET', '/me/toestemmingen', await jongere(subject))).body.total).toBe(0);
    // Another organisation does not see W&I's requests; a young person cannot ask.
    const zorg = await issuer.issueToken({ role: 'zorg-consulent', organisationType: 'zorg', organisationId: 'agb:12345678' });
    expect((await call('GET', '/verzoeken', zorg)).body.items.map((v: Json) => v.id)).not.toContain(asked.body.id);
    expect((await call('POST', '/verzoeken', await jongere(subject), request(subject))).status).toBe(403);
  });

  test('only for a young person the requester works with: its own service is asked, a no is 403 and nothing is put before them', async () => {
    const stranger = newSubject();
    const refused = await call('POST', '/verzoeken', wi, request(stranger));
    expect(refused.status).toBe(403);
    expect(refused.body.reason).toBe('geen-werkrelatie');
    // Asked about the caller's own organisation (from the token), never one named in the body.
    expect(wiService.questions).toContain(`${stranger} ${WI.id}`);
    expect((await call('GET', '/me/verzoeken', await jongere(stranger))).body.items).toEqual([]);
    expect((await call('GET', '/verzoeken', wi)).body.items.map((v: Json) => v.subject)).not.toContain(stranger);
  });

  test("when the requester's service cannot be asked the request is refused (503), not let through", async () => {
    const subject = wiYoungPerson();
    // Zorg's service is not among the holders this consent service knows.
    const zorg = await issuer.issueToken({ role: 'zorg-consulent', organisationType: 'zorg', organisationId: 'agb:12345678' });
    const unknown = await call('POST', '/verzoeken', zorg, request(subject));
    expect(unknown.status).toBe(503);
    // The RMC's service is known but does not answer (nothing listens on that port).
    sources.push({ service: 'rmc', baseUrl: 'http://127.0.0.1:9' });
    try {
      const rmc = await issuer.issueToken({ role: 'rmc-consulent', organisationType: 'rmc', organisationId: 'rmc:MC21' });
      const down = await call('POST', '/verzoeken', rmc, request(subject));
      expect(down.status).toBe(503);
      expect(down.body.message).toMatch(/cannot check now/);
    } finally {
      sources.pop();
    }
    expect((await call('GET', '/me/verzoeken', await jongere(subject))).body.items).toEqual([]);
  });

  test('bad requests are 400 naming the field: the past, more than a year, a reason too short, itself as holder, no reference', async () => {
    const subject = wiYoungPerson();
    const field = async (overrides: Record<string, unknown>) =>
      ((await call('POST', '/verzoeken', wi, request(subject, overrides))).body.errors as { field: string }[]).map((e) => e.field);
    expect(await field({ validUntil: addDays(today(), -1) })).toEqual(['validUntil']);
    expect(await field({ validUntil: addDays(today(), 400) })).toEqual(['validUntil']);
    expect(await field({ reason: 'kort' })).toEqual(['reason']);
    expect(await field({ from: WI })).toEqual(['from.id']);
    expect(await field({ subject: 'pr_niet' })).toEqual(['subject']);
    expect(await field({ dataCategories: [] })).toEqual(['dataCategories']);
  });
});
