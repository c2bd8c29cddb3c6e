import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestIssuer, type TestIssuer } from '@estafette/testing';
import { clientCredentialsToken, scopeFor, TokenVerifier } from '../src/index.js';

describe('service clients: a service speaks for every organisation of its kind', () => {
  let issuer: TestIssuer;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    verifier = new TokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwksUrl: issuer.jwksUrl });
  });
  afterAll(() => issuer?.close());

  test('a service token has an organisation type and no organisation id, so organisation scoping refuses it', async () => {
    const principal = await verifier.verify(
      await issuer.issueToken({ role: 'service', organisationType: 'school', sub: 'estafette-school-service' }),
    );
    expect(principal).toEqual({ subject: 'estafette-school-service', role: 'service', organisationType: 'school' });
    expect(() => scopeFor(principal)).toThrow();
  });

  test('a service token naming one organisation is refused; the platform kind (the consent service asking for an inzage) names none either', async () => {
    await expect(
      verifier.verify(await issuer.issueToken({ role: 'service', organisationType: 'school', organisationId: 'brin:25XY' })),
    ).rejects.toThrow('names no organisation');
    await expect(
      verifier.verify(
        await issuer.issueToken({ role: 'service', organisationType: 'platform', organisationId: 'oin:00000001234567890000' }),
      ),
    ).rejects.toThrow('names no organisation');
    const platform = await verifier.verify(
      await issuer.issueToken({ role: 'service', organisationType: 'platform', sub: 'estafette-consent-service' }),
    );
    expect(platform).toEqual({ subject: 'estafette-consent-service', role: 'service', organisationType: 'platform' });
    expect(() => scopeFor(platform)).toThrow();
  });
});

describe('clientCredentialsToken against a token endpoint over HTTP', () => {
  let server: http.Server;
  let tokenUrl: string;
  let requests: { authorization?: string; body: string }[] = [];
  let expiresIn = 300;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        requests.push({ authorization: req.headers.authorization, body });
        const ok = req.headers.authorization === `Basic ${Buffer.from('estafette-school-service:s3cret').toString('base64')}`;
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            ok ? { access_token: `token-${requests.length}`, token_type: 'Bearer', expires_in: expiresIn } : { error: 'invalid_client' },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('asks once for callers at the same time and keeps the token while it is well within its lifetime', async () => {
    requests = [];
    expiresIn = 300;
    const token = clientCredentialsToken({ tokenUrl, clientId: 'estafette-school-service', clientSecret: 's3cret' });
    expect(await Promise.all([token(), token(), token()])).toEqual(['token-1', 'token-1', 'token-1']);
    expect(await token()).toBe('token-1');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.body).toBe('grant_type=client_credentials');
  });

  test('a token that expires within the refresh margin is fetched anew on the next call', async () => {
    requests = [];
    expiresIn = 20; // less than the 30 s margin: never worth keeping
    const token = clientCredentialsToken({ tokenUrl, clientId: 'estafette-school-service', clientSecret: 's3cret' });
    expect(await token()).toBe('token-1');
    expect(await token()).toBe('token-2');
  });

  test('a wrong secret is an error naming the client, not a token', async () => {
    const token = clientCredentialsToken({ tokenUrl, clientId: 'estafette-school-service', clientSecret: 'wrong' });
    await expect(token()).rejects.toThrow('answered 401 for client estafette-school-service');
  });
});
