import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { addDays, addMonths, today } from '@estafette/calendar';
import { RetentionRunner } from '@estafette/privacy';
import { eventually, measuredRetentionRun, sql, startServiceUnderTest, type ServiceUnderTest } from '@estafette/testing';
import { createSchoolApp } from '../src/create-school-app.js';

/**
 * The school's bewaartermijnen on the real broker and database with an injected clock: contact data and BSN are
 * cleared the day after a year from the deregistration, the record the day after two years; the audit line's counts
 * equal what changed; a second run says 0.
 */
describe('school retention: contact data after a year, the uitschrijving after two', () => {
  let now = new Date();
  const start = today(now);
  let school: ServiceUnderTest<INestApplication>;
  const measures = {
    contactgegevens: {
      query:
        'SELECT ((SELECT count(*) FROM uitschrijving WHERE contact IS NOT NULL OR bsn IS NOT NULL) + (SELECT count(*) FROM inschrijving WHERE bsn IS NOT NULL))::int AS n',
    },
    uitschrijving: ['uitschrijving', 'uitschrijving_correctie', 'verwijzing_gezien'],
    inschrijving: ['inschrijving'],
    verwijzing: ['verwijzing', 'verwijzing_herkomst'],
    'uitgaande-overdracht': ['uitgaande_overdracht'],
    verwijdering: ['verwijdering'],
    'access-log': ['access_log'],
    outbox: ['outbox'],
  };
  const at = (date: string) => new Date(`${date}T10:00:00Z`);

  beforeAll(async () => {
    school = await startServiceUnderTest('schoolretention', (config) =>
      createSchoolApp(
        { ...config, clock: () => now },
        { pseudonymSecret: 'test-secret-of-at-least-thirty-two-bytes!', publicUrl: 'http://school.test' },
        false,
      ),
    );
  });

  afterAll(async () => {
    await school?.close();
  });

  test('past a year the contact data goes, past two the record; within, everything stays; the counts match', async () => {
    const token = await school.issuer.issueToken({
      role: 'school-system',
      organisationType: 'school',
      organisationId: 'brin:25XY',
      sub: 'client-25xy',
    });
    const res = await fetch(`${school.url}/uitschrijvingen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        schoolReference: 'UIT-2025-00077',
        studentNumber: '204577',
        bsn: '111222333',
        birthDate: '2008-03-14',
        deregistrationDate: start,
        schoolType: 'mbo',
        schoolLevel: 'mbo-2',
        highestDiploma: 'vmbo-kb',
        reason: 'zonder-vervolg',
        exitInterviewHeld: true,
        municipalityOfResidence: 'GM0363',
      }),
    });
    expect(res.status).toBe(201);
    await eventually(async () => {
      const [{ n }] = await sql<{ n: number }>(school.db.url, 'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
      return n === 0 || undefined;
    });
    const run = () => school.app.get(RetentionRunner).runNow();

    now = at(addMonths(start, 12));
    const lastContactDay = await measuredRetentionRun(school.db.url, measures, run);
    expect(lastContactDay.counts).toMatchObject({ contactgegevens: 0, uitschrijving: 0 });
    expect(lastContactDay.counts).toEqual(lastContactDay.changed);

    now = at(addDays(addMonths(start, 12), 1));
    const contactGone = await measuredRetentionRun(school.db.url, measures, run);
    expect(contactGone.counts).toMatchObject({ contactgegevens: 1, uitschrijving: 0 });
    expect(contactGone.counts).toEqual(contactGone.changed);
    expect(await sql(school.db.url, 'SELECT contact, bsn FROM uitschrijving')).toEqual([{ contact: null, bsn: null }]);

    now = at(addMonths(start, 24));
    expect((await measuredRetentionRun(school.db.url, measures, run)).counts.uitschrijving).toBe(0);

    now = at(addDays(addMonths(start, 24), 1));
    const recordGone = await measuredRetentionRun(school.db.url, measures, run);
    expect(recordGone.counts.uitschrijving).toBe(1);
    expect(recordGone.counts).toEqual(recordGone.changed);
    expect(await sql(school.db.url, 'SELECT id FROM uitschrijving')).toEqual([]);

    const again = await measuredRetentionRun(school.db.url, measures, run);
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
    expect(again.counts).toEqual(again.changed);
  });
});
