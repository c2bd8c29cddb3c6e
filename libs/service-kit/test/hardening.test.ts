import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Body, Controller, Get, Module, Post, Req, type INestApplication } from '@nestjs/common';
import { IsString } from 'class-validator';
import { authProviders, Public, Roles } from '@estafette/auth';
import { startTestIssuer, type TestIssuer } from '@estafette/testing';
import { createServiceApp, serviceConfig } from '../src/index.js';

class NoteDto {
  @IsString()
  text!: string;
}

@Controller('notes')
class NotesController {
  @Post()
  @Public()
  create(@Body() body: NoteDto) {
    return { length: body.text.length };
  }

  @Get()
  @Roles('ops')
  list() {
    return [];
  }
}

/** A route that reads its own request stream, as a bulk upload does. */
@Controller('uploads')
class UploadsController {
  @Post()
  @Public()
  async upload(@Req() req: AsyncIterable<Buffer>) {
    let bytes = 0;
    for await (const chunk of req) bytes += chunk.length;
    return { bytes };
  }
}

describe('createServiceApp hardening and serviceConfig auth settings', () => {
  let issuer: TestIssuer;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    @Module({
      controllers: [NotesController, UploadsController],
      providers: authProviders({ issuer: issuer.issuer, audience: issuer.audience, jwksUrl: issuer.jwksUrl }),
    })
    class NotesModule {}
    app = await createServiceApp(NotesModule, {
      title: 'notes',
      logger: false,
      corsOrigin: 'http://portal.test',
      rateLimits: [{ method: 'POST', path: '/notes', limit: 3, windowMs: 60_000 }],
      streamedRoutes: [{ method: 'POST', path: '/uploads' }],
    });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await issuer?.close();
  });

  const post = (body: string) => fetch(`${base}/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  test('security headers on every answer, no x-powered-by', async () => {
    const res = await fetch(`${base}/notes`);
    expect(res.status).toBe(401);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  test('CORS answers the portal origin only', async () => {
    const from = (origin: string) => fetch(`${base}/notes`, { headers: { origin, authorization: `Bearer ${'x'}` } });
    expect((await from('http://portal.test')).headers.get('access-control-allow-origin')).toBe('http://portal.test');
    expect((await from('http://evil.test')).headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a JSON body over 1 MB is refused (413), then the route is rate limited (429)', async () => {
    expect((await post(JSON.stringify({ text: 'x'.repeat(1_100_000) }))).status).toBe(413);
    expect((await post(JSON.stringify({ text: 'hello' }))).status).toBe(201);
    expect((await post(JSON.stringify({ text: 'hello' }))).status).toBe(201);
    expect((await post(JSON.stringify({ text: 'hello' }))).status).toBe(429);
    const token = await issuer.issueToken({ role: 'ops', organisationType: 'platform', organisationId: 'oin:00000001234567890000' });
    expect((await fetch(`${base}/notes`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  test('a streamed route reads its own body past the JSON limit however its path is spelled, as the router matches it', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(1_500_000) });
    for (const path of ['/uploads', '/uploads/', '/Uploads', '/UPLOADS/']) {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect({ path, status: res.status, body: await res.json() }).toEqual({ path, status: 201, body: { bytes: Buffer.byteLength(body) } });
    }
  });

  test('serviceConfig reads the OIDC settings and the portal origin from the environment', () => {
    const env = {
      DATABASE_URL: 'postgres://h/postgres',
      OIDC_ISSUER: 'https://idp.example/realms/x',
      OIDC_JWKS_URL: 'https://idp.example/jwks',
      PORTAL_ORIGIN: 'https://portal.example',
    };
    expect(serviceConfig('school', 3001, env)).toMatchObject({
      oidcIssuer: 'https://idp.example/realms/x',
      oidcAudience: 'estafette-api',
      oidcJwksUrl: 'https://idp.example/jwks',
      portalOrigin: 'https://portal.example',
    });
    expect(serviceConfig('school', 3001, { ...env, OIDC_AUDIENCE: 'api://estafette' }).oidcAudience).toBe('api://estafette');
  });
});
