import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { toestemmingGiven, toestemmingWithdrawn, uitschrijvingRegistered, type CloudEvent } from '@estafette/contracts';
import {
  createKafka,
  derivePseudonymousReference,
  EventPublisher,
  fromKafkaMessage,
  toKafkaMessage,
  topicName,
} from '@estafette/messaging';
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
import { addDays, today } from '@estafette/calendar';
import { loadConvenanten } from '../src/application/load-convenanten.js';
import { createConsentApp } from '../src/create-consent-app.js';
import { latestBirthDate } from '../src/domain/age.js';
import { ageSignal, schoolReportsAge as reportAge } from './support/school-age.js';

const RMC = { organisationType: 'rmc', id: 'rmc:MC21' } as const;
const WI = { organisationType: 'werk-inkomen', id: 'oin:00000001002564440000' } as const;
const SCHOOL = { organisationType: 'school', id: 'brin:25XY' } as const;
const ZORG = { organisationType: 'zorg', id: 'agb:73730123' } as const;
const newSubject = () =>
  derivePseudonymousReference('test-secret-of-at-least-thirty-two-bytes!', { organisationId: 'brin:25XY', personId: randomUUID() });
const isoDaysFromNow = (days: number) => addDays(today(), days);

// No birth date and no grantedBy: the school's record decides whether a guardian must co-sign.
const consentBody = (overrides: Record<string, unknown> = {}) => ({
  dataCategories: ['contactgegevens', 'trajectgegevens'],
  from: RMC,
  to: { organisationType: 'werk-inkomen' },
  purpose: 'warme-overdracht',
  validFrom: isoDaysFromNow(-1),
  validUntil: isoDaysFromNow(365),
  wordingVersion: 'warme-overdracht-rmc-wi@3',
  wordingText: 'Ik geef het RMC toestemming mijn contactgegevens en begeleidingsgegevens te delen met Werk en Inkomen.',
  howGiven: 'digitaal-ondertekend',
  ...overrides,
});

describe('consent service against a real database, broker and token issuer', () => {
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ ...kafkaAccess(), clientId: 'consent-test' });
  let db: TestDatabase;
  let issuer: TestIssuer;
  let app: INestApplication;
  let base: string;
  let consumer: Consumer;
  let school: EventPublisher;
  const published: CloudEvent[] = [];
  /** Subjects a school has reported with an age, so give() reports an adult only for a new one. */
  const reported = new Set<string>();
  const tokens: Record<'rmc' | 'school' | 'zorg' | 'officer', string> = {} as never;

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('consent');
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
      { minorAgeThreshold: 18, organisationId: 'oin:00000001234567890000', convenanten: loadConvenanten() },
      false,
    );
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    tokens.rmc = await issuer.issueToken({ role: 'rmc-consulent', organisationType: 'rmc', organisationId: RMC.id });
    tokens.school = await issuer.issueToken({ role: 'school-system', organisationType: 'school', organisationId: SCHOOL.id });
    tokens.zorg = await issuer.issueToken({ role: 'zorg-consulent', organisationType: 'zorg', organisationId: ZORG.id });
    tokens.officer = await issuer.issueToken({
      role: 'privacy-officer',
      organisationType: 'platform',
      organisationId: 'oin:00000001234567890000',
    });
    consumer = kafka.consumer({ groupId: `${prefix}observer` });
    await consumer.connect();
    await consumer.subscribe({ topic: topicName(prefix, toestemmingGiven.topic), fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void published.push(fromKafkaMessage(message)) });
    school = new EventPublisher(kafka, prefix);
  });

  afterAll(async () => {
    await school?.disconnect();
    await consumer?.disconnect();
    await app?.close();
    await issuer?.close();
    await db?.drop();
  });

  const call = async (method: string, path: string, token: string | undefined, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text, headers: res.headers };
  };
  const jongere = (subject: string) => issuer.issueToken({ role: 'jongere', organisationType: 'platform', sub: subject });
  const guardianOf = (...children: string[]) =>
    issuer.issueToken({ role: 'ouder-of-voogd', organisationType: 'platform', sub: `ouder-${randomUUID()}`, guardianOf: children });
  /** A school deregisters the young person at this age, today, over the real broker; resolves once the consent service has read it. */
  const schoolReportsAge = async (subject: string, age: number, by: { organisationType: 'school'; id: string } = SCHOOL) => {
    await reportAge({ publisher: school, consentDatabaseUrl: db.url, subject, age, school: by });
    reported.add(subject);
  };
  const give = async (subject: string, overrides: Record<string, unknown> = {}) => {
    if (!reported.has(subject)) await schoolReportsAge(subject, 20);
    const res = await call('POST', '/me/toestemmingen', await jongere(subject), consentBody(overrides));
    expect(res.status).toBe(201);
    return res.body as { id: string; status: string };
  };
  const ask = (subject: string, overrides: Record<string, unknown> = {}, token = tokens.rmc) =>
    call('POST', '/decisions', token, {
      from: RMC,
      to: WI,
      subject,
      dataCategories: ['contactgegevens'],
      purpose: 'warme-overdracht',
      ...overrides,
    });

  test('age signals of several young persons in one fetch: each keeps the birth date its own signal gives', async () => {
    const reports = [
      { subject: newSubject(), age: 17 },
      { subject: newSubject(), age: 20 },
      { subject: newSubject(), age: 25 },
    ];
    const signals = reports.map(({ subject, age }) => ageSignal(subject, age));
    // One send on one partition: one fetch, one transaction, one call of the batch handler.
    await school.send([
      { topic: topicName(prefix, uitschrijvingRegistered.topic), messages: signals.map((e) => ({ ...toKafkaMessage(e), partition: 0 })) },
    ]);
    const ids = signals.map((e) => e.id);
    await eventually(async () =>
      (await sql(db.url, 'SELECT 1 FROM inbox WHERE event_id = ANY($1)', [ids])).length === 3 ? true : undefined,
    );
    const stored = await sql<{ subject: string; born: string }>(
      db.url,
      'SELECT subject, latest_birth_date::text AS born FROM subject_age WHERE subject = ANY($1)',
      [reports.map((r) => r.subject)],
    );
    const bornOf = new Map(stored.map((row) => [row.subject, row.born]));
    expect(reports.map(({ subject }) => bornOf.get(subject))).toEqual(reports.map(({ age }) => latestBirthDate(age, today())));
    for (const { subject } of reports) reported.add(subject);
  });

  test('generic consent is refused with a 400 naming each missing field', async () => {
    const subject = newSubject();
    const body: Record<string, unknown> = consentBody({ dataCategories: [] });
    delete body.to;
    delete body.purpose;
    const res = await call('POST', '/me/toestemmingen', await jongere(subject), body);
    expect(res.status).toBe(400);
    const errors = (res.body as { errors: { field: string; reason: string }[] }).errors;
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['to', 'purpose', 'dataCategories']));
    expect(errors.find((e) => e.field === 'to')?.reason).toMatch(/generic consent is not valid/);
    expect(await rows('SELECT id FROM toestemming WHERE subject = $1', [subject])).toHaveLength(0);
  });

  test('with consent the decision permits content and names the consent', async () => {
    const subject = newSubject();
    const before = await ask(subject);
    expect(before.body).toMatchObject({ permit: false, reason: 'geen-grondslag', levelAllowed: null });
    const { id } = await give(subject);
    const after = await ask(subject);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ permit: true, levelAllowed: 'inhoud', decidedBy: { kind: 'toestemming', toestemmingId: id } });
  });

  describe("guardians are people: a minor's consent counts only once their own parent or guardian co-signs", () => {
    test('a young person cannot grant as guardian (403 naming grantedBy), and a typed birth date is refused (400)', async () => {
      const subject = newSubject();
      await schoolReportsAge(subject, 16);
      const token = await jongere(subject);
      const asGuardian = await call('POST', '/me/toestemmingen', token, consentBody({ grantedBy: ['jongere', 'ouder-of-voogd'] }));
      expect(asGuardian).toMatchObject({
        status: 403,
        body: { errors: [{ field: 'grantedBy', reason: expect.stringMatching(/co-signs with their own login/) }] },
      });
      const typedAge = await call('POST', '/me/toestemmingen', token, consentBody({ birthDate: '2000-01-01' }));
      expect(typedAge).toMatchObject({ status: 400, body: { errors: [{ field: 'birthDate' }] } });
      expect(await rows('SELECT id FROM toestemming WHERE subject = $1', [subject])).toHaveLength(0);
    });

    test("a minor by the school's record: pending until the guardian co-signs, then it counts; both steps audited", async () => {
      const subject = newSubject();
      await schoolReportsAge(subject, 16);
      const pending = await give(subject);
      expect(pending).toMatchObject({ status: 'active', awaitingGuardian: true, grantedBy: ['jongere'] });
      expect(await ask(subject)).toMatchObject({
        body: { permit: false, reason: 'toestemming-ouder-of-voogd-ontbreekt', decidedBy: { toestemmingId: pending.id } },
      });

      const parent = await guardianOf(subject);
      const waiting = await call('GET', '/guardian/toestemmingen', parent);
      expect(waiting).toMatchObject({
        status: 200,
        body: { total: 1, items: [{ id: pending.id, subject, awaitingGuardian: true, purpose: 'warme-overdracht' }] },
      });
      const signed = await call('POST', `/guardian/toestemmingen/${pending.id}/co-sign`, parent);
      expect(signed).toMatchObject({
        status: 200,
        body: { id: pending.id, awaitingGuardian: false, grantedBy: ['jongere', 'ouder-of-voogd'] },
      });
      expect(await ask(subject)).toMatchObject({ body: { permit: true, decidedBy: { toestemmingId: pending.id } } });
      expect((await call('GET', '/guardian/toestemmingen', parent)).body).toMatchObject({ total: 0 });
      expect((await call('POST', `/guardian/toestemmingen/${pending.id}/co-sign`, parent)).status).toBe(409);

      const audit = await rows('SELECT action, actor_role, actor_subject FROM toestemming_audit WHERE toestemming_id = $1 ORDER BY id', [
        pending.id,
      ]);
      const { sub: parentSubject } = JSON.parse(Buffer.from(parent.split('.')[1]!, 'base64url').toString()) as { sub: string };
      expect(audit).toEqual([
        { action: 'gegeven', actor_role: 'jongere', actor_subject: subject },
        { action: 'medeondertekend', actor_role: 'ouder-of-voogd', actor_subject: parentSubject },
      ]);
      await expect(
        rows('UPDATE toestemming_audit SET actor_role = $1 WHERE toestemming_id = $2', ['ouder-of-voogd', pending.id]),
      ).rejects.toThrow(/append-only/);
    });

    test("the guardian of another young person neither sees nor co-signs this consent (404); a young person's token is not a guardian's (403)", async () => {
      const subject = newSubject();
      await schoolReportsAge(subject, 15);
      const pending = await give(subject);
      const otherParent = await guardianOf(newSubject());
      expect((await call('GET', '/guardian/toestemmingen', otherParent)).body).toMatchObject({ total: 0, items: [] });
      expect((await call('POST', `/guardian/toestemmingen/${pending.id}/co-sign`, otherParent)).status).toBe(404);
      expect((await call('POST', `/guardian/toestemmingen/${pending.id}/co-sign`, await jongere(subject))).status).toBe(403);
      expect(await ask(subject)).toMatchObject({ body: { permit: false, reason: 'toestemming-ouder-of-voogd-ontbreekt' } });
      expect(
        await rows("SELECT action FROM toestemming_audit WHERE toestemming_id = $1 AND action = 'medeondertekend'", [pending.id]),
      ).toHaveLength(0);
    });

    test('the guardian declines: withdrawn by ouder-of-voogd, gone from the pending list, refused in decisions, announced and audited', async () => {
      const subject = newSubject();
      await schoolReportsAge(subject, 16);
      const pending = await give(subject);
      const parent = await guardianOf(subject);
      const declined = await call('POST', `/guardian/toestemmingen/${pending.id}/weigering`, parent);
      expect(declined).toMatchObject({
        status: 200,
        body: { id: pending.id, subject, status: 'withdrawn', withdrawnBy: 'ouder-of-voogd', awaitingGuardian: false },
      });
      expect((await call('GET', '/guardian/toestemmingen', parent)).body).toMatchObject({ total: 0, items: [] });
      expect(await ask(subject)).toMatchObject({
        body: { permit: false, reason: 'toestemming-ingetrokken', decidedBy: { toestemmingId: pending.id } },
      });
      // Neither a second decline nor a late co-signature brings it back.
      expect((await call('POST', `/guardian/toestemmingen/${pending.id}/weigering`, parent)).status).toBe(409);
      expect((await call('POST', `/guardian/toestemmingen/${pending.id}/co-sign`, parent)).status).toBe(409);
      expect(await ask(subject)).toMatchObject({ body: { permit: false, reason: 'toestemming-ingetrokken' } });

      const gone = await eventually(() =>
        published.find((e) => e.type === toestemmingWithdrawn.type && (e.data as { toestemmingId: string }).toestemmingId === pending.id),
      );
      expect(gone).toMatchObject({ subject, data: { withdrawnBy: 'ouder-of-voogd' } });
      const { sub: parentSubject } = JSON.parse(Buffer.from(parent.split('.')[1]!, 'base64url').toString()) as { sub: string };
      expect(
        await rows('SELECT action, actor_role, actor_subject FROM toestemming_audit WHERE toestemming_id = $1 ORDER BY id', [pending.id]),
      ).toEqual([
        { action: 'gegeven', actor_role: 'jongere', actor_subject: subject },
        { action: 'ingetrokken', actor_role: 'ouder-of-voogd', actor_subject: parentSubject },
      ]);
    });

    test("a guardian cannot decline another young person's consent (404), nor one they co-signed or one of an adult (409)", async () => {
      const subject = newSubject();
      await schoolReportsAge(subject, 15);
      const pending = await give(subject);
      expect((await call('POST', `/guardian/toestemmingen/${pending.id}/weigering`, await guardianOf(newSubject()))).status).toBe(404);
      expect((await call('POST', `/guardian/toestemmingen/${pending.id}/weigering`, await jongere(subject))).status).toBe(403);
      expect((await call('POST', `/guardian/toestemmingen/${randomUUID()}/weigering`, await guardianOf(subject))).status).toBe(404);

      const parent = await guardianOf(subject);
      expect((await call('POST', `/guardian/toestemmingen/${pending.id}/co-sign`, parent)).status).toBe(200);
      expect(await call('POST', `/guardian/toestemmingen/${pending.id}/weigering`, parent)).toMatchObject({
        status: 409,
        body: { message: expect.stringMatching(/already co-signed/) },
      });
      expect(await ask(subject)).toMatchObject({ body: { permit: true, decidedBy: { toestemmingId: pending.id } } });

      // An adult's consent never waited for a guardian: a parent still linked to them cannot withdraw it.
      const adult = newSubject();
      const own = await give(adult);
      expect(await call('POST', `/guardian/toestemmingen/${own.id}/weigering`, await guardianOf(adult))).toMatchObject({
        status: 409,
        body: { message: expect.stringMatching(/does not wait for a parent or guardian/) },
      });
      expect(await ask(adult)).toMatchObject({ body: { permit: true } });
      expect(
        await rows("SELECT action FROM toestemming_audit WHERE toestemming_id IN ($1, $2) AND action = 'ingetrokken'", [
          pending.id,
          own.id,
        ]),
      ).toHaveLength(0);
    });

    test('no school has reported the young person yet: a guardian must co-sign; a later school record of an adult lifts that', async () => {
      const subject = newSubject();
      reported.add(subject); // give() must not report an age first
      const pending = await give(subject);
      expect(pending).toMatchObject({ awaitingGuardian: true });
      expect(await ask(subject)).toMatchObject({ body: { permit: false, reason: 'toestemming-ouder-of-voogd-ontbreekt' } });
      await schoolReportsAge(subject, 19);
      expect(await ask(subject)).toMatchObject({ body: { permit: true, decidedBy: { toestemmingId: pending.id } } });
    });

    test('a second school reading that makes the young person older does not lift the guardian (the younger reading stays)', async () => {
      const subject = newSubject();
      await schoolReportsAge(subject, 16);
      await give(subject);
      await schoolReportsAge(subject, 30, { organisationType: 'school', id: 'brin:31QQ' });
      expect(await ask(subject)).toMatchObject({ body: { permit: false, reason: 'toestemming-ouder-of-voogd-ontbreekt' } });
    });
  });

  test('a withdrawn consent denies the very next decision, well within a second', async () => {
    const subject = newSubject();
    const { id } = await give(subject);
    expect((await ask(subject)).body).toMatchObject({ permit: true });
    const withdrawn = await call('POST', `/me/toestemmingen/${id}/intrekking`, await jongere(subject));
    const started = Date.now();
    expect(withdrawn).toMatchObject({ status: 200, body: { status: 'withdrawn', withdrawnBy: 'jongere' } });
    const next = await ask(subject);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(next.body).toMatchObject({ permit: false, reason: 'toestemming-ingetrokken', decidedBy: { toestemmingId: id } });
  });

  test('an expired consent denies', async () => {
    const subject = newSubject();
    await give(subject, { validFrom: isoDaysFromNow(-60), validUntil: isoDaysFromNow(-1) });
    expect((await ask(subject)).body).toMatchObject({ permit: false, reason: 'toestemming-verlopen' });
  });

  test('a legal-basis flow permits without any consent; a public task allows the signal only', async () => {
    const subject = newSubject();
    const report = await ask(
      subject,
      { from: SCHOOL, to: RMC, purpose: 'melding-uitschrijving', dataCategories: ['contactgegevens', 'schoolgegevens'] },
      tokens.school,
    );
    expect(report.body).toMatchObject({
      permit: true,
      levelAllowed: 'inhoud',
      reason: 'wettelijke-grondslag',
      decidedBy: { kind: 'convenant', flowId: 'school-rmc-uitschrijving', grondslag: 'wettelijke-verplichting' },
    });
    const signal = await ask(subject, { purpose: 'trajectbegeleiding', dataCategories: ['trajectgegevens'], level: 'signaal' });
    const content = await ask(subject, { purpose: 'trajectbegeleiding', dataCategories: ['trajectgegevens'], level: 'inhoud' });
    expect(signal.body).toMatchObject({ permit: true, levelAllowed: 'signaal' });
    expect(content.body).toMatchObject({ permit: false, levelAllowed: 'signaal', reason: 'alleen-signaal-toegestaan' });
    const care = await ask(subject, { from: ZORG, to: WI, dataCategories: ['zorginformatie'] }, tokens.zorg);
    expect(care.body).toMatchObject({ permit: false, reason: 'geen-grondslag' });
  });

  test('only the holder may ask, only with a service role, only with a valid token', async () => {
    const subject = newSubject();
    expect((await ask(subject, {}, tokens.school)).status).toBe(403);
    expect((await ask(subject, {}, await jongere(subject))).status).toBe(403);
    expect(
      (await ask(subject, {}, await issuer.bad.wrongKey({ role: 'rmc-consulent', organisationType: 'rmc', organisationId: RMC.id })))
        .status,
    ).toBe(401);
    expect((await call('POST', '/decisions', undefined, {})).status).toBe(401);
  });

  test('the school service (role service) may ask for any school, never for an rmc `from`', async () => {
    const subject = newSubject();
    const schoolService = await issuer.issueToken({ role: 'service', organisationType: 'school', sub: 'estafette-school-service' });
    const report = { to: RMC, purpose: 'melding-uitschrijving', dataCategories: ['contactgegevens', 'schoolgegevens'] };
    for (const school of [SCHOOL, { organisationType: 'school', id: 'brin:30AB' }]) {
      expect(await ask(subject, { ...report, from: school }, schoolService)).toMatchObject({
        status: 200,
        body: { permit: true, decidedBy: { flowId: 'school-rmc-uitschrijving' } },
      });
    }
    // A school outside the convenant is asked about too, and denied on the merits rather than refused.
    expect(await ask(subject, { ...report, from: { organisationType: 'school', id: 'brin:99ZZ' } }, schoolService)).toMatchObject({
      status: 200,
      body: { permit: false },
    });
    expect((await ask(subject, {}, schoolService)).status).toBe(403);
    const rmcService = await issuer.issueToken({ role: 'service', organisationType: 'rmc', sub: 'estafette-rmc-service' });
    expect((await ask(subject, {}, rmcService)).status).toBe(200);
  });

  test('every route admits a role or is public; bad decision input is a 400 per field', async () => {
    const { unguardedRoutes } = await import('@estafette/auth');
    expect(unguardedRoutes(app)).toEqual([]);
    const bad = await ask('pr_not-a-reference', { dataCategories: ['alles'], purpose: 'iets' });
    expect(bad.status).toBe(400);
    expect((bad.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['subject', 'dataCategories', 'purpose']),
    );
  });

  test('toestemming events cross the real broker as signals, without personal content', async () => {
    const subject = newSubject();
    const { id } = await give(subject, { wordingText: 'Unieke tekst 7f3a die niet op de bus mag.' });
    const [{ birth_date: birthDate }] = (await rows(
      "SELECT to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM toestemming WHERE id = $1",
      [id],
    )) as [{ birth_date: string }];
    expect(birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await call('POST', `/me/toestemmingen/${id}/withdraw`, await jongere(subject));
    const given = await eventually(() =>
      published.find((e) => e.type === toestemmingGiven.type && (e.data as { toestemmingId: string }).toestemmingId === id),
    );
    const gone = await eventually(() =>
      published.find((e) => e.type === toestemmingWithdrawn.type && (e.data as { toestemmingId: string }).toestemmingId === id),
    );
    expect(given.subject).toBe(subject);
    expect(given.source).toBe('urn:nld:oin:00000001234567890000:estafette-toestemming');
    expect(given.data).toMatchObject({
      purpose: 'warme-overdracht',
      consentWordingVersion: 'warme-overdracht-rmc-wi@3',
      grantedBy: ['jongere'],
    });
    expect(gone.data).toMatchObject({ withdrawnBy: 'jongere' });
    const wire = JSON.stringify([given, gone]);
    for (const personal of [birthDate, 'Unieke tekst 7f3a']) expect(wire).not.toContain(personal);
  });

  test('the young person reads, in plain Dutch, who asked for what; and sees only their own', async () => {
    const subject = newSubject();
    const other = newSubject();
    await give(subject);
    await ask(subject);
    await ask(other);
    const log = await call('GET', '/me/access-log?pageSize=10', await jongere(subject));
    expect(log.status).toBe(200);
    expect(log.body).toMatchObject({ total: 1, page: 1 });
    const [entry] = (log.body as { items: { text: string; requester: string; permitted: boolean }[] }).items;
    expect(entry).toMatchObject({ requester: WI.id, permitted: true });
    expect(entry!.text).toMatch(
      /^Op \d+ \w+ \d{4} om \d\d:\d\d heeft oin:00000001002564440000 contactgegevens bekeken bij rmc:MC21, .* Dat mocht omdat jij daar toestemming voor gaf\.$/,
    );
    const mine = await call('GET', '/me/toestemmingen', await jongere(subject));
    expect(mine.body).toMatchObject({ total: 1, items: [{ status: 'active', purpose: 'warme-overdracht' }] });
    expect((await call('GET', '/me/access-log', tokens.rmc)).status).toBe(403);
  });

  test('every decision is audited in an append-only chain, and tampering is detected', async () => {
    const decisions = (await rows('SELECT count(*)::int AS n FROM decision_audit'))[0]!.n as number;
    const subject = newSubject();
    // Concurrent callers share commits (group commit); the chain must stay one unbroken line.
    const answers = await Promise.all(Array.from({ length: 25 }, () => ask(subject)));
    expect(new Set(answers.map((a) => (a.body as { decisionId: number }).decisionId)).size).toBe(25);
    expect((await rows('SELECT count(*)::int AS n FROM decision_audit'))[0]!.n).toBe(decisions + 25);
    const intact = await call('GET', '/audit/verify', tokens.officer);
    expect(intact.body).toMatchObject({
      chain: 'decision-audit',
      intact: true,
      checked: decisions + 25,
      head: { hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });

    const [target] = await rows('SELECT sequence FROM decision_audit WHERE subject = $1 ORDER BY sequence LIMIT 1', [subject]);
    await expect(
      rows(`UPDATE decision_audit SET outcome = jsonb_set(outcome, '{permit}', 'true') WHERE sequence = $1`, [target!.sequence]),
    ).rejects.toThrow(/append-only/);
    await expect(rows('DELETE FROM decision_audit WHERE sequence = $1', [target!.sequence])).rejects.toThrow(/append-only/);

    // The service's own role cannot switch the trigger off; a superuser can, and the chain still tells.
    await expect(rows(`ALTER TABLE decision_audit DISABLE TRIGGER decision_audit_no_update_delete`)).rejects.toThrow(/must be owner/);
    const asSuperuser = (text: string, params: unknown[] = []) => sql(db.adminUrl, text, params);
    await asSuperuser(`ALTER TABLE decision_audit DISABLE TRIGGER decision_audit_no_update_delete`);
    await asSuperuser(`UPDATE decision_audit SET outcome = jsonb_set(outcome, '{permit}', 'true') WHERE sequence = $1`, [target!.sequence]);
    await asSuperuser(`ALTER TABLE decision_audit ENABLE TRIGGER decision_audit_no_update_delete`);
    const broken = await call('GET', '/audit/verify', tokens.officer);
    expect(broken.body).toMatchObject({ intact: false, brokenAt: Number(target!.sequence), problem: expect.stringMatching(/changed/) });
  });

  test('the privacy officer sees the convenant, decisions by basis and the register of processing', async () => {
    const convenanten = await call('GET', '/convenanten', tokens.officer);
    expect(convenanten.body).toMatchObject({ items: [{ id: 'convenant-mc21', region: 'MC21', version: 1 }] });
    const byBasis = await call('GET', '/decisions/by-grondslag', tokens.officer);
    const items = (byBasis.body as { items: { grondslag: string; permit: boolean; decisions: number }[] }).items;
    const audited = await rows(
      `SELECT coalesce(grondslag, 'geen') AS grondslag, permit, count(*)::int AS n FROM decision_audit GROUP BY 1, 2`,
    );
    expect(items).toHaveLength(audited.length);
    for (const a of audited) expect(items).toContainEqual({ grondslag: a.grondslag, permit: a.permit, decisions: a.n });
    const csv = await call('GET', '/register-of-processing?format=csv', tokens.officer);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toBe('convenant,region,convenantVersion,flow,from,to,dataCategories,purpose,grondslag,level,source');
    expect(lines).toHaveLength(1 + loadConvenanten().flatMap((c) => c.flows).length);
    expect((await call('GET', '/convenanten', tokens.rmc)).status).toBe(403);
  });

  const rows = (text: string, params: unknown[] = []) => sql(db.url, text, params);
});
