import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { matrixViolations, roleMatrix, routeRules, unguardedRoutes } from '@estafette/auth';
import { httpRoutes } from '@estafette/service-kit';
import { startServiceUnderTest, type ServiceUnderTest } from '@estafette/testing';
import { createMonitorApp } from '../src/create-monitor-app.js';

describe('monitor role matrix: every route, every role', () => {
  let service: ServiceUnderTest<INestApplication>;
  let app: INestApplication;

  beforeAll(async () => {
    service = await startServiceUnderTest('monitormatrix', (config) => createMonitorApp(config, false));
    app = service.app;
  });
  afterAll(() => service?.close());

  test('every route states who may call it, and only the OpenAPI document is outside the guard', () => {
    expect(unguardedRoutes(app)).toEqual([]);
    const known = routeRules(app).map((r) => `${r.method} ${r.path}`);
    expect(known).toEqual(
      expect.arrayContaining([
        'GET /dead-letters',
        'GET /dead-letters/:id',
        'POST /dead-letters/:id/replay',
        'POST /dead-letters/replay-all',
        'GET /flows',
        'GET /consumer-lag',
        'GET /deadlines',
        'GET /steering',
        'GET /audit/anchors',
        'GET /audit/anchors/latest',
      ]),
    );
    expect(
      httpRoutes(app)
        .filter((r) => !known.includes(r))
        .sort(),
    ).toEqual(['GET /openapi.json']);
  });

  test('only ops reach the monitor; every other role gets 403', async () => {
    const outcomes = await roleMatrix(app, service.issuer);
    expect(matrixViolations(outcomes)).toEqual([]);
    // /health and /metrics are public by design (probes, Prometheus); everything else is ops only.
    // The retention runs and policy (counts and periods, no content) are also for the privacy officer.
    const admitted = outcomes.filter((o) => o.admitted && !/\/(health|metrics)$/.test(o.route));
    expect(admitted.filter((o) => !o.route.includes('/retention/')).every((o) => o.role === 'ops')).toBe(true);
    expect([...new Set(admitted.filter((o) => o.route.includes('/retention/')).map((o) => o.role))].sort()).toEqual([
      'ops',
      'privacy-officer',
    ]);
  });
});
