import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { httpRoutes, roleMatrix, routeRules, unguardedRoutes } from '@estafette/auth';
import { createTestDatabase, kafkaBrokers, provisionTestTopics, startTestIssuer, uniqueTopicPrefix, type TestDatabase, type TestIssuer } from '@estafette/testing';
import { createRmcApp } from '../src/create-rmc-app.js';
import { rmcSettings } from './support.js';

describe('rmc role matrix: every route, every role', () => {
  const prefix = uniqueTopicPrefix();
  let db: TestDatabase;
  let issuer: TestIssuer;
  let app: INestApplication;

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('rmcmatrix');
    issuer = await startTestIssuer();
    app = await createRmcApp(
      {
        name: 'rmc', port: 0, host: '127.0.0.1', databaseUrl: db.url, kafkaBrokers: kafkaBrokers(), topicPrefix: prefix,
        oidcIssuer: issuer.issuer, oidcAudience: issuer.audience, oidcJwksUrl: issuer.jwksUrl,
      },
      rmcSettings(60_000),
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
    expect(known).toEqual(expect.arrayContaining(['GET /taken', 'GET /taken/:id', 'POST /taken/:id/contactmomenten']));
    expect(httpRoutes(app).filter((r) => !known.includes(r)).sort()).toEqual(['GET /openapi.json']);
  });

  test('only RMC staff reach the worklist; every other role gets 403', async () => {
    const outcomes = await roleMatrix(app, issuer);
    const refused = outcomes.filter((o) => o.status === 403).map((o) => `${o.role} ${o.route}`);
    expect(refused.sort()).toEqual(outcomes.filter((o) => !o.admitted).map((o) => `${o.role} ${o.route}`).sort());
    expect(outcomes.filter((o) => o.status === 401)).toEqual([]);
    // /health and /metrics are public for probes and Prometheus; the rest is for RMC staff.
    expect(outcomes.filter((o) => o.admitted && !/\/(health|metrics)$/.test(o.route) && !o.route.includes(' /baton')).every((o) => o.role.startsWith('rmc-'))).toBe(true);
    // The baton invariant is also for ops (platform-wide); only the coordinator of RMC staff sees it.
    const baton = outcomes.filter((o) => o.admitted && o.route.includes(' /baton'));
    expect([...new Set(baton.map((o) => o.role))].sort()).toEqual(['ops', 'rmc-coordinator']);
  });
});
