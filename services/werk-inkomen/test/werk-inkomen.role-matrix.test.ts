import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { matrixViolations, roleMatrix, routeRules, unguardedRoutes } from '@estafette/auth';
import { httpRoutes } from '@estafette/service-kit';
import { startServiceUnderTest, type ServiceUnderTest } from '@estafette/testing';
import { createWerkInkomenApp } from '../src/create-werk-inkomen-app.js';

/** Routes answered to the platform's own service client only (the consent service); any other caller learns nothing. */
const PLATFORM_ONLY = ['GET /inzage/:subject', 'GET /werkrelatie/:subject/:organisationId'];

describe('werk-inkomen role matrix: every route, every role', () => {
  let service: ServiceUnderTest<INestApplication>;
  let app: INestApplication;

  beforeAll(async () => {
    service = await startServiceUnderTest('werkinkomenmatrix', (config) =>
      createWerkInkomenApp(config, { timerIntervalMs: 60_000, publicUrl: 'http://werk-inkomen.test' }, false),
    );
    app = service.app;
  });
  afterAll(() => service?.close());

  test('every route states who may call it, and only the OpenAPI document is outside the guard', () => {
    expect(unguardedRoutes(app)).toEqual([]);
    const known = routeRules(app).map((r) => `${r.method} ${r.path}`);
    expect(known).toEqual(
      expect.arrayContaining(['GET /verwijzingen', 'POST /verwijzingen/:id/acceptatie', 'POST /plaatsingen/:id/uitval']),
    );
    expect(
      httpRoutes(app)
        .filter((r) => !known.includes(r))
        .sort(),
    ).toEqual(['GET /openapi.json']);
  });

  test('only wi-consulent reaches the inbox; every other role gets 403', async () => {
    const outcomes = await roleMatrix(app, service.issuer);
    expect(matrixViolations(outcomes)).toEqual([]);
    // Public routes (health, metrics) admit everyone; every other route admits this service's consulent only,
    // except a contact person behind a dataref, which the other party's staff read (the route checks it is a party).
    const publicRoutes = routeRules(app)
      .filter((r) => r.public)
      .map((r) => `${r.method} ${r.path}`);
    // Retention runs and policy (counts and periods, no content) are for the privacy officer and ops, nobody else.
    const retention = outcomes.filter((o) => o.admitted && o.route.includes('/retention/'));
    expect([...new Set(retention.map((o) => o.role))].sort()).toEqual(['ops', 'privacy-officer']);
    const strangers = outcomes.filter(
      (o) => o.admitted && !publicRoutes.includes(o.route) && !o.route.includes('/retention/') && o.role !== 'wi-consulent',
    );
    expect(
      strangers
        .filter((o) => !o.route.endsWith('/contactpersoon') && !PLATFORM_ONLY.includes(o.route) && o.route !== 'GET /me/verwijzingen')
        .map((o) => `${o.role} ${o.route}`),
    ).toEqual([]);
    expect(
      outcomes
        .filter((o) => o.admitted && o.route === 'GET /verwijzingen/:id/contactpersoon')
        .map((o) => o.role)
        .sort(),
    ).toEqual(['rmc-consulent', 'rmc-coordinator', 'school-staff', 'wi-consulent', 'zorg-consulent']);
    // "Wie helpt mij nu?": the young person's own referrals, for them only.
    expect(outcomes.filter((o) => o.admitted && o.route === 'GET /me/verwijzingen').map((o) => o.role)).toEqual(['jongere']);
    // The inzage: only service clients pass the guard; a service of this kind (not the platform's) gets 404 (docs/privacy.md, Inzage).
    // So is the werkrelatie question (issue 23): the consent service's alone.
    for (const route of PLATFORM_ONLY)
      expect(outcomes.filter((o) => o.admitted && o.route === route).map((o) => `${o.role} ${o.status}`)).toEqual(['service 404']);
    expect(outcomes.filter((o) => o.admitted && o.role === 'wi-consulent').length).toBeGreaterThan(8);
  });
});
