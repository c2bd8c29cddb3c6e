import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { httpRoutes, roleMatrix, routeRules, unguardedRoutes } from '@estafette/auth';
import { createTestDatabase, kafkaBrokers, provisionTestTopics, startTestIssuer, uniqueTopicPrefix, type TestDatabase, type TestIssuer } from '@estafette/testing';
import { createSchoolApp } from '../src/create-school-app.js';

describe('school role matrix: every route, every role', () => {
  const prefix = uniqueTopicPrefix();
  let db: TestDatabase;
  let issuer: TestIssuer;
  let app: INestApplication;

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('schoolmatrix');
    issuer = await startTestIssuer();
    app = await createSchoolApp(
      {
        name: 'school', port: 0, host: '127.0.0.1', databaseUrl: db.url, kafkaBrokers: kafkaBrokers(), topicPrefix: prefix,
        oidcIssuer: issuer.issuer, oidcAudience: issuer.audience, oidcJwksUrl: issuer.jwksUrl,
      },
      { pseudonymSecret: 'test-secret-of-at-least-thirty-two-bytes!', publicUrl: 'http://school.test' },
      false,
    );
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await issuer?.close();
  });

  test('every route Nest registered states who may call it (@Roles or @Public)', () => {
    expect(routeRules(app).map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      ['GET /health', 'GET /metrics', 'GET /uitschrijvingen', 'GET /uitschrijvingen/:id', 'GET /uitschrijvingen/:id/dossier', 'POST /inschrijvingen', 'POST /uitschrijvingen', 'POST /uitschrijvingen/bulk'],
    );
    expect(unguardedRoutes(app)).toEqual([]);
  });

  test('the HTTP server dispatches no route the guard does not know, except the public OpenAPI document', () => {
    const known = routeRules(app).map((r) => `${r.method} ${r.path}`);
    expect(httpRoutes(app).filter((r) => !known.includes(r)).sort()).toEqual(['GET /openapi.json']);
  });

  test('each role gets 403 exactly where it is not admitted, and never 401 with a valid token', async () => {
    const outcomes = await roleMatrix(app, issuer);
    const refused = outcomes.filter((o) => o.status === 403).map((o) => `${o.role} ${o.route}`);
    const expectedRefused = outcomes.filter((o) => !o.admitted).map((o) => `${o.role} ${o.route}`);
    expect(refused.sort()).toEqual(expectedRefused.sort());
    expect(outcomes.filter((o) => o.status === 401)).toEqual([]);
    // The school's API is for schools only: nobody else is admitted anywhere but /health and /metrics (probes, Prometheus)
    // and the dossier, which other organisations' consulents read when the consent service permits.
    expect(outcomes.filter((o) => o.admitted && !/\/(health|metrics|dossier)$/.test(o.route)).every((o) => o.role.startsWith('school-'))).toBe(true);
    expect(outcomes.filter((o) => o.admitted && o.route.endsWith('/dossier')).map((o) => o.role).sort()).toEqual(['rmc-consulent', 'rmc-coordinator', 'wi-consulent', 'zorg-consulent']);
  });
});
