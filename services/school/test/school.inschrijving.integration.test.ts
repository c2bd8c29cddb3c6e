import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { inschrijvingRegistered, uitschrijvingRegistered } from '@estafette/contracts';
import {
  createTestDatabase,
  provisionTestTopics,
  startTestIssuer,
  uniqueTopicPrefix,
  type TestDatabase,
  type TestIssuer,
  serviceKafka,
} from '@estafette/testing';
import pg from 'pg';
import { today as calendarToday } from '@estafette/calendar';
import { createSchoolApp } from '../src/create-school-app.js';

const today = calendarToday();
const enrolment = {
  studentNumber: '310077',
  bsn: '111222333',
  birthDate: '2008-03-14',
  enrolmentDate: today,
  schoolType: 'mbo',
  schoolLevel: 'mbo-2',
  municipalityOfResidence: 'GM0363',
};
const deregistration = {
  schoolReference: 'UIT-1',
  studentNumber: '204518',
  bsn: '111222333',
  birthDate: '2008-03-14',
  deregistrationDate: today,
  schoolType: 'vo',
  highestDiploma: 'vmbo-kb',
  reason: 'zonder-vervolg',
  exitInterviewHeld: true,
  municipalityOfResidence: 'GM0363',
};

describe('inschrijvingen against a real database', () => {
  const prefix = uniqueTopicPrefix();
  let db: TestDatabase;
  let app: INestApplication;
  let base: string;
  let issuer: TestIssuer;
  let oldSchool: string;
  let newSchool: string;

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('schoolinschrijving');
    issuer = await startTestIssuer();
    oldSchool = await issuer.issueToken({
      role: 'school-system',
      organisationType: 'school',
      organisationId: 'brin:25XY',
      sub: 'client-25xy',
    });
    newSchool = await issuer.issueToken({
      role: 'school-staff',
      organisationType: 'school',
      organisationId: 'brin:30AB',
      sub: 'staff-30ab',
    });
    app = await createSchoolApp(
      {
        name: 'school',
        port: 0,
        host: '127.0.0.1',
        databaseUrl: db.url,
        migrationUrl: db.ownerUrl,
        ...serviceKafka('school'),
        topicPrefix: prefix,
        oidcIssuer: issuer.issuer,
        oidcAudience: issuer.audience,
        oidcJwksUrl: issuer.jwksUrl,
      },
      { pseudonymSecret: 'test-secret-of-at-least-thirty-two-bytes!', publicUrl: 'http://school.test' },
      false,
    );
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await issuer?.close();
  });

  const post = (path: string, body: unknown, token: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  test("an enrolment at a new school carries the same pseudonym as the old school's deregistration, and nothing personal", async () => {
    expect((await post('/uitschrijvingen', deregistration, oldSchool)).status).toBe(201);
    const res = await post('/inschrijvingen', enrolment, newSchool);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    const events = await rows('SELECT type, event FROM outbox ORDER BY type');
    const uit = events.find((e) => e.type === uitschrijvingRegistered.type)!.event as { subject: string };
    const inn = events.find((e) => e.type === inschrijvingRegistered.type)!.event as { subject: string; source: string; data: unknown };
    expect(inn.subject).toBe(uit.subject);
    expect(inn.source).toBe('urn:nld:brin:30AB:estafette-school');
    expect(inn.data).toEqual({
      inschrijvingId: id,
      school: { organisationType: 'school', id: 'brin:30AB' },
      dateOfEnrolment: today,
      ageAtEnrolment: expect.any(Number),
      schoolType: 'mbo',
      schoolLevel: 'mbo-2',
      municipalityOfResidence: 'GM0363',
    });
    for (const personal of [enrolment.bsn, enrolment.birthDate, enrolment.studentNumber])
      expect(JSON.stringify(inn)).not.toContain(personal);
    expect(await rows('SELECT bsn, school_id FROM inschrijving')).toEqual([{ bsn: '111222333', school_id: 'brin:30AB' }]);
  });

  test('the same enrolment again creates nothing new', async () => {
    const again = await post('/inschrijvingen', enrolment, newSchool);
    expect(again.status).toBe(200);
    expect(await rows('SELECT count(*)::int AS n FROM inschrijving')).toEqual([{ n: 1 }]);
    expect(await rows(`SELECT count(*)::int AS n FROM outbox WHERE type = '${inschrijvingRegistered.type}'`)).toEqual([{ n: 1 }]);
  });

  test('bad input answers 400 naming each field', async () => {
    const res = await post(
      '/inschrijvingen',
      { ...enrolment, bsn: '123456789', enrolmentDate: '2025-13-01', schoolType: 'hbo' },
      newSchool,
    );
    expect(res.status).toBe(400);
    const { errors } = (await res.json()) as { errors: { field: string }[] };
    expect([...new Set(errors.map((e) => e.field))].sort()).toEqual(['bsn', 'enrolmentDate', 'schoolType']);
  });

  async function rows(sql: string): Promise<Record<string, unknown>[]> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }
});
