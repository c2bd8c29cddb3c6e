import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { httpRoutes, roleMatrix, routeRules, unguardedRoutes } from '@estafette/auth';
import { createTestDatabase, provisionTestTopics, startTestIssuer, uniqueTopicPrefix, type TestDatabase, type TestIssuer } from '@estafette/testing';
import { createMonitorApp } from '../src/create-monitor-app.js';
import { monitorConfig } from './support.js';

describe('monitor role matrix: every route, every role', () => {
  const prefix = uniqueTopicPrefix();
  let db: TestDatabase;
  let issuer: TestIssuer;
  let app: INestApplication;

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('monitormatrix');
    issuer = await startTestIssuer();
    app = await createMonitorApp(monitorConfig(db, issuer, prefix), false);
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
    expect(known).toEqual(expect.arrayContaining(['GET /dead-letters', 'GET /dead-letters/:id', 'POST /dead-letters/:id/replay', 'POST /dead-letters/replay-all', 'GET /flows', 'GET /consumer-lag', 'GET /deadlines', 'GET /steering']));
    expect(httpRoutes(app).filter((r) => !known.includes(r)).sort()).toEqual(['GET /openapi.json']);
  });

  test('only ops reach the monitor; every other role gets 403', async () => {
    const outcomes = await roleMatrix(app, issuer);
    const refused = outcomes.filter((o) => o.status === 403).map((o) => `${o.role} ${o.route}`);
    expect(refused.sort()).toEqual(outcomes.filter((o) => !o.admitted).map((o) => `${o.role} ${o.route}`).sort());
    expect(outcomes.filter((o) => o.status === 401)).toEqual([]);
    // /health and /metrics are public by design (probes, Prometheus); everything else is ops only.
    expect(outcomes.filter((o) => o.admitted && !/\/(health|metrics)$/.test(o.route)).every((o) => o.role === 'ops')).toBe(true);
  });
});
