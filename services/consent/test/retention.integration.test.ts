import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { addDays, addMonths, today } from '@estafette/calendar';
import { ConsentClient, type SharingQuestion } from '@estafette/consent-client';
import { derivePseudonymousReference } from '@estafette/messaging';
import { ACCOUNTABILITY_LOG_PERIOD, periodAsInterval, RetentionRunner, triggerPeriod } from '@estafette/privacy';
import { measuredRetentionRun, sql, startServiceUnderTest, type ServiceUnderTest } from '@estafette/testing';
import { loadConvenanten } from '../src/application/load-convenanten.js';
import { createConsentApp } from '../src/create-consent-app.js';

type Json = Record<string, any>;

/**
 * The consent service's bewaartermijnen on the real broker and database with an injected clock: a young person's age
 * goes the day after the 27th birthday; a consent seven years after it closed (withdrawn, expired, or the 27th
 * birthday), while an open consent stays. The hash-chained audits keep their entries (written today by the database
 * clock, which their trigger and the job go by) and still verify, and every view
 * built on them (access log, wie-weet-wat, the inzage) still answers for what remains. A privacy officer's inzage
 * request goes a year after it was recorded (by the database clock, as its trigger allows); a younger one stays and may
 * not be removed by hand. Counts match; a second run says 0.
 */
describe('consent retention: ages after 27, consents seven years after they closed, the audit intact', () => {
  const start = today();
  const at = (date: string) => new Date(`${date}T10:00:00Z`);
  let now = at(start);
  let consent: ServiceUnderTest<INestApplication>;
  const RMC = { organisationType: 'rmc', id: 'rmc:MC21' } as const;
  const WI = { organisationType: 'werk-inkomen', id: 'oin:00000001002564440000' } as const;
  // withdrawn: withdrawn today; expired: its last valid day is today; open: no end, age unknown; turns27: open, 27 today;
  // adult: only an age, 27 in eight years.
  const person = () =>
    derivePseudonymousReference('test-secret-of-at-least-thirty-two-bytes!', { organisationId: RMC.id, personId: randomUUID() });
  const subjects = { withdrawn: person(), expired: person(), open: person(), turns27: person(), adult: person() };
  const measures = {
    'subject-age': ['subject_age'],
    toestemming: ['toestemming'],
    'access-log': ['access_log'],
    outbox: ['outbox'],
    'decision-audit': ['decision_audit'],
    'toestemming-audit': ['toestemming_audit'],
    'inzage-verzoek': ['inzage_verzoek'],
    toestemmingsverzoek: ['toestemmingsverzoek'],
  };
  const ids: Record<string, string> = {};

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${consent.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const jongere = (subject: string) => consent.issuer.issueToken({ role: 'jongere', organisationType: 'platform', sub: subject });
  const give = async (subject: string, validity: { validFrom: string; validUntil?: string }) => {
    const res = await call('POST', '/me/toestemmingen', await jongere(subject), {
      dataCategories: ['trajectgegevens'],
      from: RMC,
      to: WI,
      purpose: 'warme-overdracht',
      ...validity,
      wordingVersion: 'warme-overdracht-rmc-wi@3',
      wordingText: 'Ik geef het RMC toestemming mijn trajectgegevens te delen met Werk en Inkomen.',
      howGiven: 'digitaal-ondertekend',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  // An inzage request recorded `ago` before the database's now (append-only: a test writes the old line it needs).
  const inzageVerzoek = async (subject: string, ago: string) => {
    const id = randomUUID();
    await sql(
      consent.db.url,
      `INSERT INTO inzage_verzoek (id, subject, requested_at, officer_subject, officer_organisation_id, verification_note, reason, section_status)
       VALUES ($1, $2, now() - $3::interval, 'po', 'oin:00000001234567890000', 'ID-bewijs gezien aan de balie', 'verzoek per brief', '{}')`,
      [id, subject, ago],
    );
    return id;
  };
  // A consent request of the RMC to a young person: answered (`answeredOn`) or still open until `validUntil`.
  const verzoek = async (subject: string, validUntil: string, answeredOn?: string) => {
    const id = randomUUID();
    await sql(
      consent.db.url,
      `INSERT INTO toestemmingsverzoek (id, subject, requester_type, requester_id, requested_by, data_categories, holder_type,
         holder_id, purpose, reason, valid_until, wording_text, status, requested_at, answered_at)
       VALUES ($1, $2, 'rmc', 'rmc:MC21', 'consulent-1', '{trajectgegevens}', 'school', 'brin:25XY', 'warme-overdracht',
         'voor het gesprek met W&I', $3, 'Mag het RMC je trajectgegevens bij Demo College opvragen?', $4, now(), $5)`,
      [id, subject, validUntil, answeredOn ? 'afgewezen' : 'open', answeredOn ? at(answeredOn) : null],
    );
    return id;
  };
  const ageOf = (subject: string, years: number) =>
    sql(consent.db.url, 'INSERT INTO subject_age (subject, latest_birth_date, source_event_id, updated_at) VALUES ($1, $2, $3, now())', [
      subject,
      addMonths(start, -12 * years),
      randomUUID(),
    ]);

  beforeAll(async () => {
    consent = await startServiceUnderTest('consentretention', (config) =>
      createConsentApp(
        { ...config, clock: () => now },
        { minorAgeThreshold: 18, organisationId: 'oin:00000001234567890000', convenanten: loadConvenanten() },
        false,
      ),
    );
  });

  afterAll(async () => {
    await consent?.close();
  });

  test('past their period ages and closed consents go, within it they stay; the audit still verifies and every view answers', async () => {
    await ageOf(subjects.withdrawn, 19);
    await ageOf(subjects.expired, 19);
    await ageOf(subjects.turns27, 27);
    await ageOf(subjects.adult, 19);
    ids.withdrawn = await give(subjects.withdrawn, { validFrom: addMonths(start, -1) });
    ids.expired = await give(subjects.expired, { validFrom: addMonths(start, -12), validUntil: start });
    ids.open = await give(subjects.open, { validFrom: start });
    ids.turns27 = await give(subjects.turns27, { validFrom: addMonths(start, -1) });

    // A share under the consent, then its withdrawal: the decision audit names the consent.
    const rmcToken = await consent.issuer.issueToken({ role: 'rmc-consulent', organisationType: 'rmc', organisationId: RMC.id });
    const client = new ConsentClient({ baseUrl: consent.url, accessToken: () => rmcToken, timeoutMs: 5_000 });
    const question: SharingQuestion = {
      from: RMC,
      to: WI,
      subject: subjects.withdrawn,
      dataCategories: ['trajectgegevens'],
      purpose: 'warme-overdracht',
      level: 'inhoud',
    };
    expect(await client.decide(question)).toMatchObject({ permit: true, decidedBy: { toestemmingId: ids.withdrawn } });
    const withdrawal = await call('POST', `/me/toestemmingen/${ids.withdrawn}/intrekking`, await jongere(subjects.withdrawn));
    expect(withdrawal.status).toBe(200);
    const chainLength = async () =>
      (
        await sql<{ n: number }>(
          consent.db.url,
          'SELECT ((SELECT count(*) FROM toestemming_audit) + (SELECT count(*) FROM decision_audit))::int AS n',
        )
      )[0]!.n;
    const audited = await chainLength();
    expect(audited).toBe(4 + 1 + 1); // four given, one withdrawn, one decision
    const run = () => consent.app.get(RetentionRunner).runNow();

    // Inzage requests: one of 13 months ago, past its year; one of a month ago, which the trigger keeps even from the
    // service's own role.
    expect(await triggerPeriod({ query: (text: string, params?: unknown[]) => sql(consent.db.url, text, params) }, 'inzage_verzoek')).toBe(
      periodAsInterval(ACCOUNTABILITY_LOG_PERIOD),
    );
    await inzageVerzoek(subjects.withdrawn, '13 months');
    const youngVerzoek = await inzageVerzoek(subjects.withdrawn, '1 month');
    await expect(sql(consent.db.url, 'DELETE FROM inzage_verzoek WHERE id = $1', [youngVerzoek])).rejects.toThrow(/append-only/);
    await expect(sql(consent.db.url, "UPDATE inzage_verzoek SET reason = 'x' WHERE id = $1", [youngVerzoek])).rejects.toThrow(
      /append-only/,
    );

    // Consent requests: one declined today, one never answered whose last valid day is today, one open for two years.
    const verzoeken = {
      declined: await verzoek(subjects.open, addMonths(start, 2), start),
      lapsed: await verzoek(subjects.open, start),
      open: await verzoek(subjects.adult, addMonths(start, 24)),
    };

    // The day after the 27th birthday: that age goes; every consent is within its seven years; the old request goes.
    now = at(addDays(start, 1));
    const day1 = await measuredRetentionRun(consent.db.url, measures, run);
    expect(day1.counts).toMatchObject({ 'subject-age': 1, toestemming: 0, 'inzage-verzoek': 1, toestemmingsverzoek: 0 });
    expect(day1.counts).toEqual(day1.changed);

    // A year after the two requests closed they stay; the day after they go, the open one stays.
    now = at(addMonths(start, 12));
    const yearOn = await measuredRetentionRun(consent.db.url, measures, run);
    expect(yearOn.counts).toMatchObject({ toestemmingsverzoek: 0 });
    expect(yearOn.counts).toEqual(yearOn.changed);
    now = at(addDays(addMonths(start, 12), 1));
    const yearPast = await measuredRetentionRun(consent.db.url, measures, run);
    expect(yearPast.counts).toMatchObject({ toestemmingsverzoek: 2 });
    expect(yearPast.counts).toEqual(yearPast.changed);
    expect(await sql(consent.db.url, 'SELECT id FROM toestemmingsverzoek')).toEqual([{ id: verzoeken.open }]);

    // The last day of seven years after closing: every consent stays.
    now = at(addMonths(start, 84));
    const lastDay = await measuredRetentionRun(consent.db.url, measures, run);
    expect(lastDay.counts).toMatchObject({ 'subject-age': 0, toestemming: 0, toestemmingsverzoek: 1 });
    expect(lastDay.counts).toEqual(lastDay.changed);

    // The day after: the withdrawn, the expired and the one closed at 27 go; the open one and the younger ages stay.
    now = at(addDays(addMonths(start, 84), 1));
    const past = await measuredRetentionRun(consent.db.url, measures, run);
    expect(past.counts).toMatchObject({ 'subject-age': 0, toestemming: 3 });
    expect(past.counts).toEqual(past.changed);
    const left = await sql<{ id: string }>(consent.db.url, 'SELECT id FROM toestemming');
    expect(left).toEqual([{ id: ids.open }]);
    const ages = await sql<{ subject: string }>(consent.db.url, 'SELECT subject FROM subject_age ORDER BY subject');
    expect(ages.map((a) => a.subject).sort()).toEqual([subjects.withdrawn, subjects.expired, subjects.adult].sort());

    const again = await measuredRetentionRun(consent.db.url, measures, run);
    expect(again.counts).toEqual({
      'subject-age': 0,
      toestemming: 0,
      'decision-audit': 0,
      'toestemming-audit': 0,
      'inzage-verzoek': 0,
      toestemmingsverzoek: 0,
      'access-log': 0,
      outbox: 0,
    });
    expect(again.counts).toEqual(again.changed);
    expect(await sql(consent.db.url, 'SELECT id FROM inzage_verzoek')).toEqual([{ id: youngVerzoek }]);

    // The audit chains keep every entry and verify from their start: by the service clock they are past their seven
    // years, by the database clock (the trigger's, and the job's bound) they were written today.
    // (Pruning them: audit-chain-retention.integration.test.ts.)
    expect(await chainLength()).toBe(audited);
    const officer = await consent.issuer.issueToken({
      role: 'privacy-officer',
      organisationType: 'platform',
      organisationId: 'oin:00000001234567890000',
    });
    for (const chain of ['decision-audit', 'toestemming-audit']) {
      const verified = await call('GET', `/audit/verify?chain=${chain}`, officer);
      expect({ chain, status: verified.status, intact: verified.body.intact }).toEqual({ chain, status: 200, intact: true });
    }

    // What the young person sees still answers, from what remains.
    const me = await jongere(subjects.withdrawn);
    const accessLog = await call('GET', '/me/access-log', me);
    expect(accessLog.status).toBe(200);
    expect(accessLog.body.items).toEqual([
      expect.objectContaining({
        requester: WI.id,
        holder: RMC.id,
        permitted: true,
        basis: expect.objectContaining({ toestemmingId: ids.withdrawn }),
      }),
    ]);
    const known = await call('GET', '/me/wie-weet-wat', me);
    expect(known.status).toBe(200);
    expect(known.body.items).toEqual([expect.objectContaining({ organisation: expect.objectContaining({ id: WI.id }), level: 'inhoud' })]);
    const inzage = await call('GET', '/me/inzage', me);
    expect(inzage.status).toBe(200);
    const own = (inzage.body.sections as Json[]).find((s) => s.service === 'consent')!;
    expect(own.records.map((r: Json) => r.category)).toEqual(['Vraag om gegevens te delen']);
    expect((await call('GET', '/me/toestemmingen', me)).body.items).toEqual([]);
    expect((await call('GET', '/me/toestemmingen', await jongere(subjects.open))).body.items).toEqual([
      expect.objectContaining({ id: ids.open }),
    ]);
    // A new question finds no consent any more, and is refused.
    expect(await client.decide(question)).toMatchObject({ permit: false, reason: 'geen-grondslag' });
  });
});
