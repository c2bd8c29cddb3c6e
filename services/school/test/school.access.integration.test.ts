import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import {
  createTestDatabase,
  provisionTestTopics,
  startTestIssuer,
  uniqueTopicPrefix,
  type TestDatabase,
  type TestIssuer,
  type TokenRequest,
  serviceKafka,
} from '@estafette/testing';
import pg from 'pg';
import { createSchoolApp } from '../src/create-school-app.js';

const schoolA: TokenRequest = { role: 'school-system', organisationType: 'school', organisationId: 'brin:25XY', sub: 'client-25xy' };
const schoolB: TokenRequest = { role: 'school-staff', organisationType: 'school', organisationId: 'brin:31QQ', sub: 'staff-31qq' };
const body = {
  schoolReference: 'UIT-ACCESS-1',
  studentNumber: '777001',
  birthDate: '2008-05-01',
  deregistrationDate: new Date().toISOString().slice(0, 10),
  schoolType: 'vo',
  highestDiploma: 'geen',
  reason: 'zonder-vervolg',
  exitInterviewHeld: false,
  municipalityOfResidence: 'GM0363',
};
const INTAKE_LIMIT = 30;

describe('school: authentication, roles, organisation scoping, access log, hardening', () => {
  const prefix = uniqueTopicPrefix();
  let db: TestDatabase;
  let issuer: TestIssuer;
  let app: INestApplication;
  let base: string;
  let recordOfA: string;

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('schoolaccess');
    issuer = await startTestIssuer();
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
        portalOrigin: 'http://portal.test',
      },
      {
        pseudonymSecret: 'test-secret-of-at-least-thirty-two-bytes!',
        publicUrl: 'http://school.test',
        intakeRequestsPerMinute: INTAKE_LIMIT,
      },
      false,
    );
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    const created = await call('POST', '/uitschrijvingen', await issuer.issueToken(schoolA), body);
    expect(created.status).toBe(201);
    recordOfA = ((await created.json()) as { id: string }).id;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await issuer?.close();
  });

  function call(method: string, path: string, token?: string, payload?: unknown, headers: Record<string, string> = {}) {
    return fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(payload ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: payload ? JSON.stringify(payload) : undefined,
    });
  }

  test('a valid token of the school reads its record, and the keys came from the JWKS over HTTP', async () => {
    const res = await call('GET', `/uitschrijvingen/${recordOfA}`, await issuer.issueToken(schoolA));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: recordOfA, studentNumber: '777001' });
    expect(issuer.jwksRequests()).toBeGreaterThan(0);
  });

  const refused: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['a token that is no JWT', async () => 'not-a-jwt'],
    ['an expired token', () => issuer.bad.expired(schoolA)],
    ['a token signed with another key', () => issuer.bad.wrongKey(schoolA)],
    ['a token from another issuer', () => issuer.bad.wrongIssuer(schoolA)],
    ['a token for another audience', () => issuer.bad.wrongAudience(schoolA)],
    ['a role that does not fit its organisation type', () => issuer.issueToken({ ...schoolA, organisationType: 'rmc' })],
    ['an organisation id in no known scheme', () => issuer.issueToken({ ...schoolA, organisationId: 'brin:nope' })],
  ];
  test.each(refused)('%s gets 401 on every route, and the body says nothing more', async (_name, token) => {
    for (const [method, path] of [
      ['GET', `/uitschrijvingen/${recordOfA}`],
      ['GET', '/uitschrijvingen'],
      ['POST', '/uitschrijvingen'],
    ] as const) {
      const res = await call(method, path, await token(), method === 'POST' ? { ...body, schoolReference: 'UIT-NEVER' } : undefined);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ statusCode: 401, message: 'Unauthorized' });
    }
    expect(await query("SELECT count(*)::int AS n FROM uitschrijving WHERE school_reference = 'UIT-NEVER'")).toEqual({ n: 0 });
  });

  test('a role the route does not admit gets 403', async () => {
    const consulent = await issuer.issueToken({ role: 'rmc-consulent', organisationType: 'rmc', organisationId: 'rmc:MC21' });
    const res = await call('POST', '/uitschrijvingen', consulent, { ...body, schoolReference: 'UIT-RMC' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ statusCode: 403, message: 'Forbidden' });
    expect((await call('GET', `/uitschrijvingen/${recordOfA}`, consulent)).status).toBe(403);
  });

  test('another school gets 404 for the record, a body that leaks nothing, an empty list, and no access log line', async () => {
    const tokenB = await issuer.issueToken(schoolB);
    const res = await call('GET', `/uitschrijvingen/${recordOfA}`, tokenB);
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ statusCode: 404, message: 'Not Found' });
    for (const secret of [recordOfA, 'brin:25XY', '777001']) expect(text).not.toContain(secret);
    const list = (await (await call('GET', '/uitschrijvingen', tokenB)).json()) as { total: number; items: unknown[] };
    expect(list).toMatchObject({ total: 0, items: [] });
    expect(await query("SELECT count(*)::int AS n FROM access_log WHERE actor_subject = 'staff-31qq'")).toEqual({ n: 0 });
  });

  test("the same schoolReference at another school is that school's own record (the school comes from the token)", async () => {
    const res = await call('POST', '/uitschrijvingen', await issuer.issueToken(schoolB), body);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(id).not.toBe(recordOfA);
    expect(await query('SELECT school_id FROM uitschrijving WHERE id = $1', [id])).toEqual({ school_id: 'brin:31QQ' });
  });

  test('a schoolId in the body is refused: the token decides the school', async () => {
    const res = await call('POST', '/uitschrijvingen', await issuer.issueToken(schoolA), { ...body, schoolId: 'brin:31QQ' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain('schoolId');
  });

  test('each read of a record is in the access log: who, which young person, what, on which basis; the log is append-only', async () => {
    const reader = { ...schoolA, role: 'school-staff', sub: 'staff-jansen' };
    expect((await call('GET', `/uitschrijvingen/${recordOfA}`, await issuer.issueToken(reader))).status).toBe(200);
    const row = await query(
      "SELECT a.actor_role, a.actor_organisation_id, a.resource, a.basis, a.subject = u.pseudonymous_reference AS about_the_student, a.at > now() - interval '1 minute' AS recent FROM access_log a JOIN uitschrijving u ON u.id = $1 WHERE a.actor_subject = 'staff-jansen'",
      [recordOfA],
    );
    expect(row).toEqual({
      actor_role: 'school-staff',
      actor_organisation_id: 'brin:25XY',
      resource: `uitschrijving/${recordOfA}`,
      basis: 'own-organisation',
      about_the_student: true,
      recent: true,
    });
    await expect(query("UPDATE access_log SET actor_subject = 'someone-else'")).rejects.toThrow(/append-only/);
    await expect(query('DELETE FROM access_log')).rejects.toThrow(/append-only/);
    // TRUNCATE is not granted to the service's role at all; the table's owner, who may, meets the trigger.
    await expect(query('TRUNCATE access_log')).rejects.toThrow(/permission denied/);
    await expect(query('TRUNCATE access_log', [], db.ownerUrl)).rejects.toThrow(/append-only/);
    expect(await query("SELECT count(*)::int AS n FROM access_log WHERE actor_subject = 'staff-jansen'")).toEqual({ n: 1 });
  });

  test('security headers are set; CORS admits the portal origin only', async () => {
    const res = await call('GET', '/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    const preflight = (origin: string) =>
      call('OPTIONS', '/uitschrijvingen', undefined, undefined, {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      });
    expect((await preflight('http://portal.test')).headers.get('access-control-allow-origin')).toBe('http://portal.test');
    expect((await preflight('http://evil.test')).headers.get('access-control-allow-origin')).toBeNull();
  });

  test('bodies over 1 MB are refused with 413', async () => {
    const res = await call('POST', '/uitschrijvingen', await issuer.issueToken(schoolA), { ...body, padding: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
  });

  test('the intake is rate limited per client (429), reads are not', async () => {
    const token = await issuer.issueToken(schoolA);
    const statuses: number[] = [];
    for (let i = 0; i < INTAKE_LIMIT + 2; i++) statuses.push((await call('POST', '/uitschrijvingen', token, body)).status);
    expect(statuses).toContain(429);
    expect(statuses.slice(statuses.indexOf(429))).toEqual(statuses.slice(statuses.indexOf(429)).map(() => 429));
    expect((await call('GET', '/uitschrijvingen', token)).status).toBe(200);
  });

  test('a bulk upload in a loop is rate limited too (429), each write route on its own count', async () => {
    const token = await issuer.issueToken({ ...schoolA, sub: 'bulk-loop' });
    const statuses: number[] = [];
    for (let i = 0; i < INTAKE_LIMIT + 2; i++) {
      const res = await fetch(`${base}/uitschrijvingen/bulk`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: 'not;a;header\r\n',
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses.slice(0, INTAKE_LIMIT)).not.toContain(429);
    expect(statuses.slice(INTAKE_LIMIT)).toEqual([429, 429]);
  });

  async function query(sql: string, params: unknown[] = [], url = db.url): Promise<Record<string, unknown> | undefined> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows[0];
    } finally {
      await client.end();
    }
  }
});
