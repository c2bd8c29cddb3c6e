import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { httpRoutes, roleMatrix, routeRules, unguardedRoutes } from '@estafette/auth';
import { createTestDatabase, kafkaBrokers, provisionTestTopics, startTestIssuer, uniqueTopicPrefix, type TestDatabase, type TestIssuer } from '@estafette/testing';
import { createWerkInkomenApp } from '../src/create-werk-inkomen-app.js';

describe('werk-inkomen role matrix: every route, every role', () => {
  const prefix = uniqueTopicPrefix();
  let db: TestDatabase;
  let issuer: TestIssuer;
  let app: INestApplication;

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('werkinkomenmatrix');
    issuer = await startTestIssuer();
    app = await createWerkInkomenApp(
      {
        name: 'werk-inkomen', port: 0, host: '127.0.0.1', databaseUrl: db.url, kafkaBrokers: kafkaBrokers(), topicPrefix: prefix,
        oidcIssuer: issuer.issuer, oidcAudience: issuer.audience, oidcJwksUrl: issuer.jwksUrl,
      },
      { timerIntervalMs: 60_000, publicUrl: 'http://werk-inkomen.test' },
      false,
    );
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await issuer?.close();
  });

  test('every route states who may call it, and only the OpenAPI document is outside the guard', () => {
    expect(unguardedRoutes(app)).toEqual([]);
    const known = routeRules(app).map((r) => `${r.method} ${r.path}`);
    expect(known).toEqual(expect.arrayContaining(['GET /verwijzingen', 'POST /verwijzingen/:id/acceptatie', 'POST /plaatsingen/:id/uitval']));
    expect(httpRoutes(app).filter((r) => !known.includes(r)).sort()).toEqual(['GET /openapi.json']);
  });

  test('only wi-consulent reaches the inbox; every other role gets 403', async () => {
    const outcomes = await roleMatrix(app, issuer);
    const refused = outcomes.filter((o) => o.status === 403).map((o) => `${o.role} ${o.route}`);
    expect(refused.sort()).toEqual(outcomes.filter((o) => !o.admitted).map((o) => `${o.role} ${o.route}`).sort());
    expect(outcomes.filter((o) => o.status === 401)).toEqual([]);
    // Public routes (health, metrics) admit everyone; every other route admits this service's consulent only.
    const publicRoutes = routeRules(app).filter((r) => r.public).map((r) => `${r.method} ${r.path}`);
    const strangers = outcomes.filter((o) => o.admitted && !publicRoutes.includes(o.route) && o.role !== 'wi-consulent');
    expect(strangers.map((o) => `${o.role} ${o.route}`)).toEqual([]);
    expect(outcomes.filter((o) => o.admitted && o.role === 'wi-consulent').length).toBeGreaterThan(8);
  });
});
