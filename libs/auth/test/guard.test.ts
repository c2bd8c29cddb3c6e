import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { startTestIssuer, type TestIssuer } from '@estafette/testing';
import {
  authProviders,
  CurrentUser,
  Public,
  Roles,
  roleMatrix,
  scopeFor,
  TokenVerifier,
  unguardedRoutes,
  type Principal,
} from '../src/index.js';

@Controller('things')
class ThingsController {
  @Get('mine')
  @Roles('rmc-consulent', 'jongere')
  mine(@CurrentUser() user: Principal) {
    return { subject: user.subject, organisation: user.organisationId ?? null };
  }

  @Get('scoped')
  @Roles('rmc-consulent', 'jongere')
  scoped(@CurrentUser() user: Principal) {
    return { scope: scopeFor(user, 'rmc') };
  }

  @Get('open')
  @Public()
  open() {
    return { ok: true };
  }

  // Forgotten on purpose: the helpers must find it, and the guard must refuse it to everyone.
  @Get('forgotten')
  forgotten() {
    return { leaked: true };
  }
}

describe('the auth guard and its helpers, against a real JWKS over HTTP', () => {
  let issuer: TestIssuer;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    @Module({ controllers: [ThingsController], providers: [...authProviders({ issuer: issuer.issuer, audience: issuer.audience })] })
    class TestModule {}
    app = await NestFactory.create(TestModule, new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await issuer?.close();
  });

  const get = (path: string, token?: string) => fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const consulent = { role: 'rmc-consulent', organisationType: 'rmc', organisationId: 'rmc:MC21', sub: 'c-1' };

  test('the keys are found through the discovery document when no JWKS URL is configured', async () => {
    const res = await get('/things/mine', await issuer.issueToken(consulent));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ subject: 'c-1', organisation: 'rmc:MC21' });
    expect(issuer.jwksRequests()).toBeGreaterThan(0);
  });

  test('a route without @Roles or @Public is listed as unguarded and refused even with a valid token', async () => {
    expect(unguardedRoutes(app).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /things/forgotten']);
    expect((await get('/things/forgotten', await issuer.issueToken(consulent))).status).toBe(403);
    const matrix = await roleMatrix(app, issuer);
    expect(matrix.filter((o) => o.route === 'GET /things/forgotten').every((o) => o.status === 403 && !o.admitted)).toBe(true);
  });

  test('@Public needs no token; everything else does', async () => {
    expect((await get('/things/open')).status).toBe(200);
    expect((await get('/things/mine')).status).toBe(401);
  });

  test('a young person has no organisation: their subject is who they are, and organisation scoping refuses them', async () => {
    const jongere = await issuer.issueToken({ role: 'jongere', organisationType: 'platform', sub: 'pr_3AHRZ6DMV29GQY5CKT18FPX4BJ' });
    expect(await (await get('/things/mine', jongere)).json()).toEqual({ subject: 'pr_3AHRZ6DMV29GQY5CKT18FPX4BJ', organisation: null });
    expect((await get('/things/scoped', jongere)).status).toBe(403);
    expect(await (await get('/things/scoped', await issuer.issueToken(consulent))).json()).toEqual({ scope: 'rmc:MC21' });
  });

  test('a verifier for another audience or issuer refuses the same token', async () => {
    const token = await issuer.issueToken(consulent);
    await expect(new TokenVerifier({ issuer: issuer.issuer, audience: 'other', jwksUrl: issuer.jwksUrl }).verify(token)).rejects.toThrow();
    await expect(
      new TokenVerifier({ issuer: 'http://elsewhere', audience: issuer.audience, jwksUrl: issuer.jwksUrl }).verify(token),
    ).rejects.toThrow();
    await expect(
      new TokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwksUrl: issuer.jwksUrl }).verify(token),
    ).resolves.toMatchObject({ role: 'rmc-consulent' });
  });
});
