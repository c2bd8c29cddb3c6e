import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { matrixViolations, roleMatrix, routeRules, unguardedRoutes } from '@estafette/auth';
import { httpRoutes } from '@estafette/service-kit';
import { sql, startServiceUnderTest, type ServiceUnderTest } from '@estafette/testing';
import { SeedOrganisations } from '../src/application/seed-organisations.js';
import { createOrganisationsApp } from '../src/create-organisations-app.js';
import { FALLBACK_BUILT_IN } from '../src/domain/built-in-organisations.js';
import { DEMO_SEED } from './support/start-organisations.js';

// Response bodies are read loosely: the assertions say what they must contain.
type Json = Record<string, any>;

describe('organisation directory: the ops register, lookups for everyone, against a real database', () => {
  let service: ServiceUnderTest<INestApplication>;
  const tokens: Record<'ops' | 'rmc' | 'school' | 'jongere' | 'service', string> = {} as never;

  const call = async (who: keyof typeof tokens | null, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  beforeAll(async () => {
    service = await startServiceUnderTest('organisations', (config) =>
      createOrganisationsApp(
        config,
        { builtIn: FALLBACK_BUILT_IN, seed: { label: 'demo-organisations.json', organisations: DEMO_SEED } },
        false,
      ),
    );
    const issue = service.issuer.issueToken;
    tokens.ops = await issue({ role: 'ops', organisationType: 'platform', organisationId: 'oin:00000001234567890000', sub: 'beheerder-1' });
    tokens.rmc = await issue({ role: 'rmc-consulent', organisationType: 'rmc', organisationId: 'rmc:MC21' });
    tokens.school = await issue({ role: 'school-staff', organisationType: 'school', organisationId: 'brin:25XY' });
    tokens.jongere = await issue({ role: 'jongere', organisationType: 'platform' });
    tokens.service = await issue({ role: 'service', organisationType: 'werk-inkomen' });
  });
  afterAll(() => service?.close());

  test('ops registers a school by its BRIN code: 201 with the platform id, and the audit names who', async () => {
    const res = await call('ops', 'POST', '/organisations', { kind: 'school', code: '41ab', name: '  Het Noorderlicht College ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: 'brin:41AB',
      kind: 'school',
      code: '41AB',
      name: 'Het Noorderlicht College',
      active: true,
      source: 'registered',
    });
    const audit = await call('ops', 'GET', '/organisations/brin:41AB/audit');
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'geregistreerd',
        actorSubject: 'beheerder-1',
        actorRole: 'ops',
        before: null,
        after: expect.objectContaining({ name: 'Het Noorderlicht College' }),
      }),
    ]);
  });

  test('the same code again, in any case, is 409 and changes nothing', async () => {
    await call('ops', 'POST', '/organisations', { kind: 'zorg', code: '87654321', name: 'Jeugdhulp Noord' });
    const again = await call('ops', 'POST', '/organisations', { kind: 'zorg', code: '87654321', name: 'Another name' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('agb:87654321 is registered already as "Jeugdhulp Noord"');
    expect((await call('ops', 'POST', '/organisations', { kind: 'school', code: '41AB', name: 'x' })).status).toBe(409);
    expect((await call('ops', 'GET', '/organisations/agb:87654321')).body.name).toBe('Jeugdhulp Noord');
    expect((await call('ops', 'GET', '/organisations/agb:87654321/audit')).body.items).toHaveLength(1);
  });

  test.each([
    [{ kind: 'school', code: '4AB', name: 'x' }, 'code', 'BRIN code'],
    [{ kind: 'zorg', code: '1234567', name: 'x' }, 'code', 'AGB code'],
    [{ kind: 'werk-inkomen', code: 'GM363', name: 'x' }, 'code', 'CBS municipality code'],
    [{ kind: 'werk-inkomen', code: 'GM9999', name: 'x' }, 'code', 'GM9999 is no municipality in fallback'],
    [{ kind: 'platform', code: '25XY', name: 'x' }, 'code', 'OIN'],
    [{ kind: 'gemeente', code: 'GM0384', name: 'x' }, 'kind', 'kind must be one of'],
    [{ kind: 'rmc', code: 'MC21', name: 'x' }, 'kind', 'kind must be one of'],
    [{ kind: 'school', code: '42AB', name: '   ' }, 'name', 'name'],
    [{ kind: 'school', code: '42AB', name: 'Two\nlines' }, 'name', 'control characters'],
    [{ kind: 'school', code: '42AB', name: 'x'.repeat(201) }, 'name', 'name'],
    [{ kind: 'school', code: '42AB', name: 'x', extra: 1 }, 'extra', 'should not exist'],
  ])('%j is 400 naming %s', async (body, field, reason) => {
    const res = await call('ops', 'POST', '/organisations', body);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([{ field, reason: expect.stringContaining(reason) }]));
    expect((await call('ops', 'GET', '/organisations?q=42AB')).body.total).toBe(0);
  });

  test('nobody but ops registers, renames, deactivates, lists or reads the audit: 403, and nothing changed', async () => {
    for (const who of ['rmc', 'school', 'jongere', 'service'] as const) {
      expect((await call(who, 'POST', '/organisations', { kind: 'school', code: '43AB', name: 'x' })).status).toBe(403);
      expect((await call(who, 'PATCH', '/organisations/brin:25XY', { name: 'Taken over' })).status).toBe(403);
      expect((await call(who, 'POST', '/organisations/brin:25XY/deactivation')).status).toBe(403);
      expect((await call(who, 'GET', '/organisations?q=demo')).status).toBe(403);
      expect((await call(who, 'GET', '/organisations/brin:25XY/audit')).status).toBe(403);
    }
    expect((await call(null, 'GET', '/lookup?ids=brin:25XY')).status).toBe(401);
    expect((await call('ops', 'GET', '/organisations/brin:25XY')).body).toMatchObject({ name: 'Demo College', active: true });
    expect((await call('ops', 'GET', '/organisations?q=43AB')).body.total).toBe(0);
  });

  test('search by part of a name or code, any case, with pages that add up', async () => {
    for (let i = 0; i < 12; i++) {
      const body = { kind: 'school', code: `${70 + i}QZ`, name: `Zeeland Lyceum ${String(i).padStart(2, '0')}` };
      expect((await call('ops', 'POST', '/organisations', body)).status).toBe(201);
    }
    const first = await call('ops', 'GET', '/organisations?q=zeeland%20lyc&pageSize=5');
    expect(first.body).toMatchObject({ total: 12, page: 1, pageSize: 5 });
    expect(first.body.items.map((o: Json) => o.name)).toEqual(['00', '01', '02', '03', '04'].map((n) => `Zeeland Lyceum ${n}`));
    const third = await call('ops', 'GET', '/organisations?q=ZEELAND&pageSize=5&page=3');
    expect(third.body.items.map((o: Json) => o.name)).toEqual(['Zeeland Lyceum 10', 'Zeeland Lyceum 11']);
    // By code (with its scheme or without), and the wildcard characters of SQL are just characters.
    expect((await call('ops', 'GET', '/organisations?q=31qq')).body.items.map((o: Json) => o.id)).toEqual(['brin:31QQ']);
    expect((await call('ops', 'GET', '/organisations?q=gemeente:GM0363')).body.items.map((o: Json) => o.name)).toEqual([
      'Gemeente Amsterdam, Werk & Inkomen',
    ]);
    expect((await call('ops', 'GET', '/organisations?q=%25')).body.total).toBe(0);
    expect((await call('ops', 'GET', '/organisations?kind=zorg')).body.items.map((o: Json) => o.id)).toEqual(
      expect.arrayContaining(['agb:12345678', 'agb:87654321']),
    );
    expect((await call('ops', 'GET', '/organisations?pageSize=501')).body.errors[0].field).toBe('pageSize');
  });

  test('rename, deactivate and activate again: each answered with the new state, each in the audit with before and after', async () => {
    await call('ops', 'POST', '/organisations', { kind: 'werk-inkomen', code: '00000001002564440000', name: 'W&I Diemen' });
    const id = 'oin:00000001002564440000';
    expect((await call('ops', 'PATCH', `/organisations/${id}`, { name: 'Werk en Inkomen Diemen' })).body.name).toBe(
      'Werk en Inkomen Diemen',
    );
    expect((await call('ops', 'POST', `/organisations/${id}/deactivation`)).body.active).toBe(false);
    expect((await call('ops', 'POST', `/organisations/${id}/deactivation`)).status).toBe(409);
    expect((await call('rmc', 'GET', `/lookup?ids=${id}`)).body.items[0]).toMatchObject({ name: 'Werk en Inkomen Diemen', active: false });
    expect((await call('ops', 'GET', `/organisations?q=diemen&active=true`)).body.total).toBe(0);
    expect((await call('ops', 'POST', `/organisations/${id}/activation`)).body.active).toBe(true);
    const audit = (await call('ops', 'GET', `/organisations/${id}/audit`)).body.items as Json[];
    expect(audit.map((a) => a.action)).toEqual(['geregistreerd', 'gewijzigd', 'gedeactiveerd', 'geactiveerd']);
    expect(audit[1]).toMatchObject({
      before: { name: 'W&I Diemen' },
      after: { name: 'Werk en Inkomen Diemen' },
      actorSubject: 'beheerder-1',
    });
    // The audit is append-only for the service's own database user too.
    await expect(sql(service.db.url, "UPDATE organisation_audit SET actor_subject = 'someone-else'")).rejects.toThrow('append-only');
    // A built-in is not changed here; an unknown id is not found.
    expect((await call('ops', 'PATCH', '/organisations/gemeente:GM0384', { name: 'x' })).status).toBe(409);
    expect((await call('ops', 'PATCH', '/organisations/brin:99ZZ', { name: 'x' })).status).toBe(404);
  });

  test('lookup: every signed-in caller learns kind and name of many ids at once; registered before built-in; unknown listed', async () => {
    const res = await call('jongere', 'GET', '/lookup?ids=brin:25XY,gemeente:GM0363,gemeente:GM0384,rmc:MC21,brin:99ZZ,brin:25XY');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ id: 'brin:25XY', kind: 'school', name: 'Demo College', source: 'registered' }),
      // GM0363 is registered as Amsterdam's W&I department: that is what an offer to gemeente:GM0363 reaches.
      expect.objectContaining({ id: 'gemeente:GM0363', kind: 'werk-inkomen', name: 'Gemeente Amsterdam, Werk & Inkomen' }),
      { id: 'gemeente:GM0384', kind: 'gemeente', code: 'GM0384', name: 'Diemen', active: true, source: 'built-in' },
      expect.objectContaining({ id: 'rmc:MC21', kind: 'rmc', source: 'built-in' }),
    ]);
    expect(res.body.unknown).toEqual(['brin:99ZZ']);
    expect((await call('service', 'GET', '/organisations/rmc:MC21')).body.kind).toBe('rmc');
    expect((await call('school', 'GET', '/organisations/brin:99ZZ')).status).toBe(404);
    const tooMany = Array.from({ length: 101 }, (_, i) => `agb:${String(i).padStart(8, '0')}`).join(',');
    expect((await call('rmc', 'GET', `/lookup?ids=${tooMany}`)).body.errors[0].field).toBe('ids');
    expect((await call('rmc', 'GET', '/lookup')).status).toBe(400);
  });

  test('the seed registers only what is missing: a name ops changed stays when the seed runs again', async () => {
    await call('ops', 'PATCH', '/organisations/brin:31QQ', { name: 'Tweede Demo Lyceum (hernoemd)' });
    await service.app.get(SeedOrganisations).onApplicationBootstrap();
    expect((await call('ops', 'GET', '/organisations/brin:31QQ')).body.name).toBe('Tweede Demo Lyceum (hernoemd)');
    const seeded = (await call('ops', 'GET', '/organisations/agb:12345678/audit')).body.items as Json[];
    expect(seeded).toEqual([
      expect.objectContaining({ action: 'geregistreerd', actorSubject: 'seed:demo-organisations.json', actorRole: 'seed' }),
    ]);
  });

  test('anyone signed in chooses an organisation by name: registered and built-in, active only, every word, at most 20', async () => {
    const wi = await call('jongere', 'GET', `/zoeken?q=${encodeURIComponent('amsterdam werk')}`);
    expect(wi.status).toBe(200);
    expect(wi.body.items).toEqual([
      expect.objectContaining({ id: 'gemeente:GM0363', name: 'Gemeente Amsterdam, Werk & Inkomen', kind: 'werk-inkomen' }),
    ]);
    // Kind narrows: the region Agglomeratie Amsterdam is built in, the municipality Amsterdam too, the W&I department registered.
    const regions = await call('school', 'GET', '/zoeken?q=amsterdam&kind=rmc');
    expect(regions.body.items.map((o: Json) => o.id)).toEqual(['rmc:MC21']);
    const schools = await call('rmc', 'GET', '/zoeken?kind=school');
    expect(schools.body.items.every((o: Json) => o.kind === 'school' && o.active)).toBe(true);
    expect(schools.body.items.map((o: Json) => o.id)).toContain('brin:25XY');
    // A deactivated organisation is not offered for something new.
    await call('ops', 'POST', '/organisations', { kind: 'school', code: '77ZZ', name: 'Gesloten Zoekschool' });
    expect((await call('jongere', 'GET', '/zoeken?q=zoekschool')).body.items).toHaveLength(1);
    await call('ops', 'POST', '/organisations/brin:77ZZ/deactivation');
    expect((await call('jongere', 'GET', '/zoeken?q=zoekschool')).body).toEqual({ items: [], total: 0 });
    const bad = await call('jongere', 'GET', '/zoeken?kind=bakkerij');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('kind');
    expect((await call(null, 'GET', '/zoeken?q=a')).status).toBe(401);
  });

  test('role matrix: every route states who may call it; writes and the list admit ops only', async () => {
    expect(unguardedRoutes(service.app)).toEqual([]);
    const known = routeRules(service.app).map((r) => `${r.method} ${r.path}`);
    expect(httpRoutes(service.app).filter((r) => !known.includes(r))).toEqual(['GET /openapi.json']);
    const outcomes = await roleMatrix(service.app, service.issuer);
    expect(matrixViolations(outcomes)).toEqual([]);
    const lookups = ['GET /organisations/:id', 'GET /lookup', 'GET /zoeken'];
    const publicRoutes = routeRules(service.app)
      .filter((r) => r.public)
      .map((r) => `${r.method} ${r.path}`);
    expect(
      outcomes
        .filter((o) => o.admitted && o.role !== 'ops' && !lookups.includes(o.route) && !publicRoutes.includes(o.route))
        .map((o) => `${o.role} ${o.route}`),
    ).toEqual([]);
  });
});
