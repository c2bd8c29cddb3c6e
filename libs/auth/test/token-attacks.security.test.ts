import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { createPublicKey, randomUUID } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import { startTestIssuer, type TestIssuer } from '@estafette/testing';
import { authProviders, CurrentUser, Roles, type Principal } from '../src/index.js';

@Controller('records')
class RecordsController {
  @Get()
  @Roles('rmc-consulent')
  list(@CurrentUser() user: Principal) {
    return { subject: user.subject };
  }
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('token attacks on the guard: each is a 401 without detail, and the service keeps serving', () => {
  let issuer: TestIssuer;
  let app: INestApplication;
  let base: string;
  let publicJwk: JWK;
  const consulent = { role: 'rmc-consulent', organisationType: 'rmc', organisationId: 'rmc:MC21', sub: 'c-1' };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    @Module({ controllers: [RecordsController], providers: [...authProviders({ issuer: issuer.issuer, audience: issuer.audience })] })
    class AttackedModule {}
    app = await NestFactory.create(AttackedModule, new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    [publicJwk] = ((await (await fetch(issuer.jwksUrl)).json()) as { keys: JWK[] }).keys as [JWK];
  });

  afterAll(async () => {
    await app?.close();
    await issuer?.close();
  });

  const get = (token: string) => fetch(`${base}/records`, { headers: { authorization: `Bearer ${token}` } });
  /** The claims of a valid consulent token, for tokens forged by hand. */
  const claims = () => {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: issuer.issuer,
      aud: issuer.audience,
      sub: 'attacker',
      iat: now,
      exp: now + 300,
      jti: randomUUID(),
      role: 'rmc-consulent',
      organisation_type: 'rmc',
      organisation_id: 'rmc:MC21',
    };
  };

  const attacks: [string, () => Promise<string>][] = [
    ['alg none, no signature', async () => `${b64({ alg: 'none', typ: 'JWT', kid: publicJwk.kid })}.${b64(claims())}.`],
    [
      'alg none with the real signature part of another token',
      async () => `${b64({ alg: 'none', kid: publicJwk.kid })}.${b64(claims())}.${(await issuer.issueToken(consulent)).split('.')[2]}`,
    ],
    [
      "HS256 signed with the provider's public key (PEM) as HMAC secret",
      async () => {
        const pem = createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string;
        return new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid! }).sign(new TextEncoder().encode(pem));
      },
    ],
    [
      "HS256 signed with the provider's public JWK (JSON) as HMAC secret",
      async () =>
        new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid! })
          .sign(new TextEncoder().encode(JSON.stringify(publicJwk))),
    ],
    ["signed with another key under the provider's kid", () => issuer.bad.wrongKey(consulent)],
    ['a wrong audience', () => issuer.bad.wrongAudience(consulent)],
    ['an expired token', () => issuer.bad.expired(consulent)],
    ['a wrong issuer', () => issuer.bad.wrongIssuer(consulent)],
    ['a token without role', () => issuer.issueToken({ ...consulent, role: undefined as never })],
    ['a token with a role that does not exist', () => issuer.issueToken({ ...consulent, role: 'admin' })],
    [
      'a payload changed after signing (role raised)',
      async () => {
        const [header, , signature] = (
          await issuer.issueToken({ ...consulent, role: 'jongere', organisationType: 'platform', organisationId: undefined })
        ).split('.');
        return `${header}.${b64(claims())}.${signature}`;
      },
    ],
    ['not a JWT at all', async () => 'not.a.jwt'],
  ];

  test.each(attacks)('%s: 401 with nothing but "Unauthorized"', async (_name, forge) => {
    const res = await get(await forge());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ statusCode: 401, message: 'Unauthorized' });
  });

  test('after every attack, a valid token is still served', async () => {
    for (const [, forge] of attacks) await get(await forge());
    const res = await get(await issuer.issueToken(consulent));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ subject: 'c-1' });
  });
});
