import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { matrixViolations, roleMatrix, routeRules, unguardedRoutes } from '@estafette/auth';
import { httpRoutes } from '@estafette/service-kit';
import { startServiceUnderTest, type ServiceUnderTest } from '@estafette/testing';
import { createSchoolApp } from '../src/create-school-app.js';

/** Routes answered to the platform's own service client only (the consent service); any other caller learns nothing. */
const PLATFORM_ONLY = ['GET /inzage/:subject', 'GET /werkrelatie/:subject/:organisationId'];

describe('school role matrix: every route, every role', () => {
  let service: ServiceUnderTest<INestApplication>;
  let app: INestApplication;

  beforeAll(async () => {
    service = await startServiceUnderTest('schoolmatrix', (config) =>
      createSchoolApp(config, { pseudonymSecret: 'test-secret-of-at-least-thirty-two-bytes!', publicUrl: 'http://school.test' }, false),
    );
    app = service.app;
  });
  afterAll(() => service?.close());

  test('every route Nest registered states who may call it (@Roles or @Public)', () => {
    expect(
      routeRules(app)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual(
      [
        'GET /health',
        'GET /inzage/:subject',
        'GET /metrics',
        'GET /werkrelatie/:subject/:organisationId',
        'GET /overdrachten-uit',
        'GET /overdrachten-uit/:id',
        'GET /overdrachten-uit/:id/contactpersoon',
        'GET /uitschrijvingen',
        'GET /uitschrijvingen/:id',
        'GET /uitschrijvingen/:id/dossier',
        'POST /inschrijvingen',
        'POST /overdrachten-uit/:id/intrekking',
        'POST /uitschrijvingen',
        'POST /uitschrijvingen/:id/overdrachten',
        'POST /uitschrijvingen/:id/correctie',
        'POST /uitschrijvingen/:id/intrekking',
        'POST /uitschrijvingen/bulk',
        'GET /verwijzingen',
        'GET /verwijzingen/:id',
        'GET /verwijzingen/:id/contactpersoon',
        'POST /verwijzingen/:id/acceptatie',
        'POST /verwijzingen/:id/afwijzing',
        'POST /verwijzingen/:id/eerste-contact',
        'GET /retention/runs',
        'GET /retention/policy',
      ].sort(),
    );
    expect(unguardedRoutes(app)).toEqual([]);
  });

  test('the HTTP server dispatches no route the guard does not know, except the public OpenAPI document', () => {
    const known = routeRules(app).map((r) => `${r.method} ${r.path}`);
    expect(
      httpRoutes(app)
        .filter((r) => !known.includes(r))
        .sort(),
    ).toEqual(['GET /openapi.json']);
  });

  test('each role gets 403 exactly where it is not admitted, and never 401 with a valid token', async () => {
    const outcomes = await roleMatrix(app, service.issuer);
    expect(matrixViolations(outcomes)).toEqual([]);
    // The school's API is for schools only: nobody else is admitted anywhere but /health and /metrics (probes, Prometheus)
    // and the dossier, which other organisations' consulents read when the consent service permits.
    // A contact person behind a dataref is read by the other party's staff (the route checks it is a party).
    expect(
      outcomes
        .filter(
          (o) =>
            o.admitted &&
            !/\/(health|metrics|dossier|contactpersoon)$/.test(o.route) &&
            !PLATFORM_ONLY.includes(o.route) &&
            !o.route.includes('/retention/'),
        )
        .every((o) => o.role.startsWith('school-')),
    ).toBe(true);
    // The inzage: only service clients pass the guard; a service of this kind (not the platform's) gets 404 (docs/privacy.md, Inzage).
    // So is the werkrelatie question (issue 23): the consent service's alone.
    for (const route of PLATFORM_ONLY)
      expect(outcomes.filter((o) => o.admitted && o.route === route).map((o) => `${o.role} ${o.status}`)).toEqual(['service 404']);
    // Retention runs and policy (counts and periods, no content): the privacy officer and ops.
    expect(
      outcomes
        .filter((o) => o.admitted && o.route.includes('/retention/'))
        .map((o) => o.role)
        .sort(),
    ).toEqual(['ops', 'ops', 'privacy-officer', 'privacy-officer']);
    // 'service': another organisation's service reading for its verified user (acting-user header; 400 without it).
    expect(
      outcomes
        .filter((o) => o.admitted && o.route.endsWith('/dossier'))
        .map((o) => o.role)
        .sort(),
    ).toEqual(['rmc-consulent', 'rmc-coordinator', 'service', 'wi-consulent', 'zorg-consulent']);
    expect(outcomes.find((o) => o.role === 'service' && o.route.endsWith('/dossier'))?.status).toBe(400);
    // Back to school: a person at the school answers the RMC's offer, never the administration system.
    expect(
      outcomes
        .filter((o) => o.admitted && o.route.startsWith('POST /verwijzingen/'))
        .map((o) => o.role)
        .every((role) => role === 'school-staff'),
    ).toBe(true);
  });
});
