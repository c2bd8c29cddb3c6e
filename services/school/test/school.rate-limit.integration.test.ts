import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { startServiceUnderTest, type ServiceUnderTest, type TestIssuer, type TokenRequest } from '@estafette/testing';
import { createSchoolApp } from '../src/create-school-app.js';

// Three callers from one socket address (this test process), as behind the portal: the limit is per identity.
const staff: TokenRequest = { role: 'school-staff', organisationType: 'school', organisationId: 'brin:25XY', sub: 'staff-1' };
const colleague: TokenRequest = { ...staff, sub: 'staff-2' };
const system: TokenRequest = { role: 'school-system', organisationType: 'school', organisationId: 'brin:25XY', sub: 'client-25xy' };
const limits = { writes: 5, systemWrites: 8, windowMs: 60_000 };
const today = new Date().toISOString().slice(0, 10);
const enrolment = (n: number) => ({
  studentNumber: `77${n}`,
  birthDate: '2008-03-14',
  enrolmentDate: today,
  schoolType: 'mbo',
  municipalityOfResidence: 'GM0363',
});

describe('write rate limits per client identity (service-kit, every Nest service)', () => {
  let school: ServiceUnderTest<INestApplication>;
  let issuer: TestIssuer;
  let base: string;

  beforeAll(async () => {
    school = await startServiceUnderTest('schoolratelimit', (config) =>
      createSchoolApp(
        { ...config, writeRateLimits: limits },
        { pseudonymSecret: 'test-secret-of-at-least-thirty-two-bytes!', publicUrl: 'http://school.test' },
        false,
      ),
    );
    ({ issuer, url: base } = school);
  });

  afterAll(async () => {
    await school?.close();
  });

  const enrol = async (who: TokenRequest, n: number) =>
    fetch(`${base}/inschrijvingen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await issuer.issueToken(who)}`, 'content-type': 'application/json' },
      body: JSON.stringify(enrolment(n)),
    });

  test('one client past its limit gets 429 with Retry-After and the limit, while another client from the same address gets through', async () => {
    for (let n = 0; n < limits.writes; n++) expect((await enrol(staff, n)).status).toBe(201);
    const refused = await enrol(staff, 99);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({
      statusCode: 429,
      message: expect.stringContaining(`more than ${limits.writes} write requests`),
    });
    expect((await enrol(colleague, 100)).status).toBe(201);
    // Reads are not counted: the refused client still reads.
    const read = await fetch(`${base}/uitschrijvingen`, { headers: { authorization: `Bearer ${await issuer.issueToken(staff)}` } });
    expect(read.status).toBe(200);
  });

  test('a machine client (school system) has its own, larger limit', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < limits.systemWrites + 1; n++) statuses.push((await enrol(system, 200 + n)).status);
    expect(statuses.slice(0, limits.systemWrites).every((s) => s === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
