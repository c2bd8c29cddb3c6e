import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { matrixViolations, roleMatrix, routeRules, unguardedRoutes } from '@estafette/auth';
import { httpRoutes } from '@estafette/service-kit';
import { startServiceUnderTest, type ServiceUnderTest } from '@estafette/testing';
import { createRmcApp } from '../src/create-rmc-app.js';
import { rmcSettings } from './support.js';

/** Routes answered to the platform's own service client only (the consent service); any other caller learns nothing. */
const PLATFORM_ONLY = ['GET /inzage/:subject', 'GET /werkrelatie/:subject/:organisationId'];

describe('rmc role matrix: every route, every role', () => {
  let rmc: ServiceUnderTest<INestApplication>;

  beforeAll(async () => {
    rmc = await startServiceUnderTest('rmcmatrix', (config) => createRmcApp(config, rmcSettings(60_000), false));
  });
  afterAll(() => rmc?.close());

  test('every route states who may call it, and only the OpenAPI document is outside the guard', () => {
    expect(unguardedRoutes(rmc.app)).toEqual([]);
    const known = routeRules(rmc.app).map((r) => `${r.method} ${r.path}`);
    expect(known).toEqual(expect.arrayContaining(['GET /taken', 'GET /taken/:id', 'POST /taken/:id/contactmomenten']));
    expect(
      httpRoutes(rmc.app)
        .filter((r) => !known.includes(r))
        .sort(),
    ).toEqual(['GET /openapi.json']);
  });

  test('each role gets 403 exactly where it is not admitted, and never 401 with a valid token', async () => {
    const outcomes = await roleMatrix(rmc.app, rmc.issuer);
    expect(matrixViolations(outcomes)).toEqual([]);
    // Only RMC staff work on tasks; ops may also ask who holds the baton and read the caseload of every region; probes and
    // Prometheus need no role. A contact person behind a dataref is read by the other party's staff (the route checks it is a party).
    const admittedElsewhere = outcomes.filter(
      (o) =>
        o.admitted &&
        !/\/(health|metrics|contactpersoon)$/.test(o.route) &&
        !o.route.includes('/baton') &&
        !o.route.startsWith('GET /betrokkenheid') &&
        !o.route.includes('/retention/') &&
        !o.route.startsWith('GET /caseload') &&
        o.route !== 'GET /me/wie-helpt-mij' &&
        !PLATFORM_ONLY.includes(o.route),
    );
    // The inzage: only service clients pass the guard; a service of this kind (not the platform's) gets 404 (docs/privacy.md, Inzage).
    // So is the werkrelatie question (issue 23): the consent service's alone.
    for (const route of PLATFORM_ONLY)
      expect(outcomes.filter((o) => o.admitted && o.route === route).map((o) => `${o.role} ${o.status}`)).toEqual(['service 404']);
    expect(admittedElsewhere.filter((o) => !o.role.startsWith('rmc-')).map((o) => `${o.role} ${o.route}`)).toEqual([]);
    expect(
      outcomes
        .filter((o) => o.admitted && o.route === 'GET /overdrachten/:id/contactpersoon')
        .map((o) => o.role)
        .sort(),
    ).toEqual(['rmc-consulent', 'rmc-coordinator', 'school-staff', 'wi-consulent', 'zorg-consulent']);
    // The caseload: the coordinator and ops read it, only the coordinator reassigns; a consulent does neither.
    const caseload = (route: string) =>
      outcomes
        .filter((o) => o.admitted && o.route === route)
        .map((o) => o.role)
        .sort();
    expect(caseload('GET /caseload')).toEqual(['ops', 'rmc-coordinator']);
    expect(caseload('GET /caseload/taken')).toEqual(['ops', 'rmc-coordinator']);
    expect(caseload('POST /caseload/toewijzing')).toEqual(['rmc-coordinator']);
    // THAT (who holds the baton) is for the other organisations' staff; the consent service then decides per question.
    expect(caseload('GET /betrokkenheid/:pseudonymousReference')).toEqual(['school-staff', 'wi-consulent', 'zorg-consulent']);
    // "Wie helpt mij nu?": the young person's own, no one else's.
    expect(caseload('GET /me/wie-helpt-mij')).toEqual(['jongere']);
    // Retention runs and policy (counts and periods, no content): the privacy officer and ops.
    expect(caseload('GET /retention/runs')).toEqual(['ops', 'privacy-officer']);
    expect(caseload('GET /retention/policy')).toEqual(['ops', 'privacy-officer']);
  });
});
