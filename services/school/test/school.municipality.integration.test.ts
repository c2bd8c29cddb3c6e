import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { startServiceUnderTest, type ServiceUnderTest, type TokenRequest } from '@estafette/testing';
import { createSchoolApp } from '../src/create-school-app.js';

// The door of the chain: a municipality code that is not a CBS municipality on the registration date cannot be
// routed to any RMC region, so it is refused here instead of dead-lettered at the RMC.
const system: TokenRequest = { role: 'school-system', organisationType: 'school', organisationId: 'brin:44MU', sub: 'client-44mu' };
const today = new Date().toISOString().slice(0, 10);
const uitschrijving = (ref: string, municipalityOfResidence: string, deregistrationDate = today) => ({
  schoolReference: ref,
  studentNumber: `5500-${ref}`,
  birthDate: '2008-03-14',
  deregistrationDate,
  schoolType: 'mbo',
  highestDiploma: 'vmbo-kb',
  reason: 'zonder-vervolg',
  exitInterviewHeld: true,
  municipalityOfResidence,
});

interface FieldErrors {
  errors: { field: string; reason: string }[];
}

describe('the school refuses a municipality that does not exist, at the door', () => {
  let school: ServiceUnderTest<INestApplication>;
  let token: string;

  beforeAll(async () => {
    school = await startServiceUnderTest('schoolmunicipality', (config) =>
      createSchoolApp(config, { pseudonymSecret: 'test-secret-of-at-least-thirty-two-bytes!', publicUrl: 'http://school.test' }, false),
    );
    token = await school.issuer.issueToken(system);
  });

  afterAll(async () => {
    await school?.close();
  });

  const post = (path: string, body: unknown, contentType = 'application/json') =>
    fetch(`${school.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  test('GM9999 answers 400 naming municipalityOfResidence and why; nothing is stored', async () => {
    const res = await post('/uitschrijvingen', uitschrijving('MUN-1', 'GM9999'));
    expect(res.status).toBe(400);
    const body = (await res.json()) as FieldErrors;
    expect(body.errors).toEqual([
      {
        field: 'municipalityOfResidence',
        reason: `municipalityOfResidence GM9999 is not a municipality on ${today} (CBS list 2025, mergers applied): no RMC region can be found for it`,
      },
    ]);
    const list = await fetch(`${school.url}/uitschrijvingen?zoek=MUN-1`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await list.json()) as { total: number }).total).toBe(0);
  });

  test('a malformed code gets only its format message, a well-formed known one is accepted', async () => {
    const malformed = (await (await post('/uitschrijvingen', uitschrijving('MUN-2', 'Amsterdam'))).json()) as FieldErrors;
    expect(malformed.errors).toEqual([
      { field: 'municipalityOfResidence', reason: 'municipalityOfResidence must be a CBS municipality code like GM0363' },
    ]);
    expect((await post('/uitschrijvingen', uitschrijving('MUN-3', 'GM0384'))).status).toBe(201); // Diemen
  });

  test("last year's code of a merged municipality is accepted: it routes to the municipality that took it over", async () => {
    // Weesp (GM0457) is part of Amsterdam since 24 March 2022; school systems may still send its code.
    expect((await post('/uitschrijvingen', uitschrijving('MUN-4', 'GM0457'))).status).toBe(201);
    // Before the merger it was a municipality in its own right.
    expect((await post('/uitschrijvingen', uitschrijving('MUN-5', 'GM0457', '2022-03-01'))).status).toBe(201);
  });

  test('an enrolment with a code that is no municipality on the enrolment date is refused the same way', async () => {
    const res = await post('/inschrijvingen', {
      studentNumber: '5501',
      birthDate: '2008-03-14',
      enrolmentDate: today,
      schoolType: 'mbo',
      municipalityOfResidence: 'GM9999',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as FieldErrors).errors).toEqual([
      expect.objectContaining({ field: 'municipalityOfResidence', reason: expect.stringContaining('GM9999 is not a municipality') }),
    ]);
  });

  test('in a bulk file the row with GM9999 is refused with that reason; the other rows go through', async () => {
    const header =
      'referentie;leerlingnummer;geboortedatum;datum_uitschrijving;onderwijssoort;hoogste_diploma;reden;exitgesprek;gemeentecode';
    const row = (ref: string, municipality: string) =>
      `${ref};5600-${ref};2008-03-14;${today};mbo;vmbo-kb;zonder-vervolg;ja;${municipality}`;
    const csv = [header, row('MUN-B1', 'GM0363'), row('MUN-B2', 'GM9999'), row('MUN-B3', 'GM0457')].join('\r\n');
    const res = await post('/uitschrijvingen/bulk', csv, 'text/csv');
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { row?: number; status?: string; errors?: FieldErrors['errors']; summary?: Record<string, number> });
    expect(lines.filter((l) => l.row !== undefined).map((l) => [l.row, l.status])).toEqual([
      [1, 'accepted'],
      [2, 'rejected'],
      [3, 'accepted'],
    ]);
    expect(lines.find((l) => l.row === 2)!.errors).toEqual([
      { field: 'municipalityOfResidence', reason: expect.stringContaining(`GM9999 is not a municipality on ${today}`) },
    ]);
    expect(lines.at(-1)!.summary).toMatchObject({ rows: 3, accepted: 2, rejected: 1 });
  });
});
