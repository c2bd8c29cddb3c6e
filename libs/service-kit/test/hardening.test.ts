import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Body, Controller, Get, Module, Post, Req, type INestApplication } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
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

  /** Not rate limited: the limit is on POST /notes itself, not on the paths below it. */
  @Post('drafts')
  @Public()
  draft(@Body() body: NoteDto) {
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
  async upload(@Req() req: FastifyRequest) {
    let bytes = 0;
    for await (const chunk of req.raw) bytes += (chunk as Buffer).length;
    return { bytes, parsedBody: req.body ?? null };
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
    const first = await post(JSON.stringify({ text: 'hello' }));
    expect([first.status, first.headers.get('ratelimit-limit'), first.headers.get('ratelimit-remaining')]).toEqual([201, '3', '1']);
    expect((await post(JSON.stringify({ text: 'hello' }))).status).toBe(201);
    const refused = await post(JSON.stringify({ text: 'hello' }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await refused.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    // Counted on the route as the router matches it, however it is spelled.
    expect(
      (await fetch(`${base}/NOTES/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"x"}' })).status,
    ).toBe(429);
    const token = await issuer.issueToken({ role: 'ops', organisationType: 'platform', organisationId: 'oin:00000001234567890000' });
    expect((await fetch(`${base}/notes`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  test('a streamed route reads its own body past the JSON limit however its path is spelled, as the router matches it', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(1_500_000) });
    for (const path of ['/uploads', '/uploads/', '/Uploads', '/UPLOADS/']) {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect({ path, status: res.status, body: await res.json() }).toEqual({
        path,
        status: 201,
        body: { bytes: Buffer.byteLength(body), parsedBody: null },
      });
    }
    // Any content type, or none: the route reads what was sent.
    const csv = await fetch(`${base}/uploads`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a;b\n' });
    expect(await csv.json()).toEqual({ bytes: 4, parsedBody: null });
    // Another method on the same path is not the streamed route: the parser reads the body (413 before the 404).
    expect((await fetch(`${base}/uploads`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body })).status).toBe(413);
  });

  test('the JSON parser: 415 for another type or none, 400 for broken JSON or a bare value, {} for an empty body, 413 when only counted', async () => {
    const send = (body: BodyInit, headers: Record<string, string> = {}) =>
      fetch(`${base}/notes/drafts`, {
        method: 'POST',
        headers,
        body,
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit);
    expect((await send('{"text":"x"}', { 'content-type': 'application/json; charset=utf-8' })).status).toBe(201);
    expect((await send('{"text":"x"}', { 'content-type': 'application/merge-patch+json' })).status).toBe(201);
    expect((await send('text=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await send('{"text":"x"}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await send(new Blob(['{"text":"x"}']))).status).toBe(415);
    expect((await send('{"text":', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await send('"text"', { 'content-type': 'application/json' })).status).toBe(400);
    const empty = await send('', { 'content-type': 'application/json' });
    expect({ status: empty.status, body: await empty.json() }).toMatchObject({ status: 400, body: { errors: [{ field: 'text' }] } });
    // No content-length, so only counting finds it: chunks until past 1 MiB.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"text":"'));
        for (let i = 0; i < 12; i++) controller.enqueue(new Uint8Array(100_000).fill(120));
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    expect((await send(chunks, { 'content-type': 'application/json' })).status).toBe(413);
  });

  test('a rate limit or streamed route that names no route fails the start', async () => {
    @Module({ controllers: [NotesController], providers: authProviders({ issuer: issuer.issuer, audience: issuer.audience }) })
    class MisspeltModule {}
    const misspelt = await createServiceApp(MisspeltModule, {
      title: 'misspelt',
      logger: false,
      rateLimits: [{ method: 'POST', path: '/note', limit: 3, windowMs: 60_000 }],
      streamedRoutes: [{ method: 'PUT', path: '/notes' }],
    });
    try {
      await expect(misspelt.listen(0, '127.0.0.1')).rejects.toThrow('no route for PUT /notes, POST /note');
    } finally {
      await misspelt.close().catch(() => {});
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
