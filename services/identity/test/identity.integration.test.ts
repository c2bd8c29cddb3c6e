import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { clientCredentialsToken, TokenVerifier } from '@estafette/auth';
import { createTestDatabase, kafkaBrokers, provisionTestTopics, uniqueTopicPrefix, type TestDatabase } from '@estafette/testing';
import { createSchoolApp } from '../../school/src/create-school-app.js';
import { loadOrCreateDevState, type DevState } from '../src/dev-state.js';
import { startIdentityServer, type IdentityServer } from '../src/identity-server.js';

const SERVICE_SECRET = 'service-client-secret-for-tests-only';

describe('identity: the development provider issues tokens the services accept', () => {
  const prefix = uniqueTopicPrefix();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'identity-'));
  const stateFile = path.join(dir, 'identity', 'dev-state.json');
  let state: DevState;
  let identity: IdentityServer;
  let db: TestDatabase;
  let school: INestApplication;
  let schoolUrl: string;

  beforeAll(async () => {
    state = await loadOrCreateDevState(stateFile);
    identity = await startIdentityServer(state, { port: 0, host: '127.0.0.1', tokenRequestsPerMinute: 20, serviceClientSecret: SERVICE_SECRET });
    await provisionTestTopics(prefix);
    db = await createTestDatabase('identityschool');
    // The school finds the provider's keys through discovery, as it would with Keycloak or Entra ID.
    school = await createSchoolApp(
      { name: 'school', port: 0, host: '127.0.0.1', databaseUrl: db.url, kafkaBrokers: kafkaBrokers(), topicPrefix: prefix, oidcIssuer: identity.issuer, oidcAudience: 'estafette-api' },
      { pseudonymSecret: 'test-secret-of-at-least-thirty-two-bytes!', publicUrl: 'http://school.test' },
      false,
    );
    await school.listen(0, '127.0.0.1');
    schoolUrl = await school.getUrl();
  });

  afterAll(async () => {
    await school?.close();
    await db?.drop();
    await identity?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const tokenRequest = (form: Record<string, string>, basic?: [string, string]) =>
    fetch(`${identity.issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(basic ? { authorization: `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64')}` } : {}),
      },
      body: new URLSearchParams(form),
    });

  test('dev signing keys are generated once, kept private on disk, and reused', async () => {
    expect(statSync(stateFile).mode & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).signingKey.d).toBeTruthy();
    expect((await loadOrCreateDevState(stateFile)).signingKey.kid).toBe(state.signingKey.kid);
    const jwks = (await (await fetch(`${identity.issuer}/jwks`)).json()) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([state.signingKey.kid]);
    expect(jwks.keys[0]!.d).toBeUndefined();
  });

  test('a school system gets a token with client credentials and posts to the school API', async () => {
    const res = await tokenRequest({ grant_type: 'client_credentials', scope: 'api' }, ['school-25xy', state.clientSecrets['school-25xy']!]);
    expect(res.status).toBe(200);
    const { access_token, token_type } = (await res.json()) as { access_token: string; token_type: string };
    expect(token_type).toBe('Bearer');

    const principal = await new TokenVerifier({ issuer: identity.issuer, audience: 'estafette-api' }).verify(access_token);
    expect(principal).toMatchObject({ role: 'school-system', organisationType: 'school', organisationId: 'brin:25XY', subject: 'school-25xy' });

    const posted = await fetch(`${schoolUrl}/uitschrijvingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
      body: JSON.stringify({
        schoolReference: 'UIT-IDP-1', studentNumber: '1001', birthDate: '2008-01-01', deregistrationDate: new Date().toISOString().slice(0, 10),
        schoolType: 'vo', highestDiploma: 'geen', reason: 'zonder-vervolg', exitInterviewHeld: false, municipalityOfResidence: 'GM0363',
      }),
    });
    expect(posted.status).toBe(201);
  });

  test('each service kind has a client (role service, no organisation) whose token the token source caches', async () => {
    for (const kind of ['school', 'rmc', 'werk-inkomen', 'zorg']) {
      const token = clientCredentialsToken({ tokenUrl: `${identity.issuer}/token`, clientId: `estafette-${kind}-service`, clientSecret: SERVICE_SECRET });
      const first = await token();
      expect(await token()).toBe(first);
      const principal = await new TokenVerifier({ issuer: identity.issuer, audience: 'estafette-api' }).verify(first);
      expect(principal).toEqual({ role: 'service', organisationType: kind, subject: `estafette-${kind}-service`, clientId: `estafette-${kind}-service` });
    }
    await expect(clientCredentialsToken({ tokenUrl: `${identity.issuer}/token`, clientId: 'estafette-school-service', clientSecret: 'guess' })()).rejects.toThrow('401');
  });

  test('a wrong client secret gets no token', async () => {
    const res = await tokenRequest({ grant_type: 'client_credentials', scope: 'api' }, ['school-25xy', 'not-the-secret']);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
  });

  test('an RMC consulent logs in with a password; the token carries the region, and the school API refuses it (403)', async () => {
    const res = await tokenRequest({ grant_type: 'password', client_id: 'estafette-dev-cli', username: 'consulent@rmc23', password: state.demoPassword, scope: 'api' });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    const principal = await new TokenVerifier({ issuer: identity.issuer, audience: 'estafette-api' }).verify(access_token);
    expect(principal).toMatchObject({ role: 'rmc-consulent', organisationType: 'rmc', organisationId: 'rmc:RMC23', subject: 'consulent@rmc23' });
    const list = await fetch(`${schoolUrl}/uitschrijvingen`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(list.status).toBe(403);
  });

  test('a wrong password gets invalid_grant', async () => {
    const res = await tokenRequest({ grant_type: 'password', client_id: 'estafette-dev-cli', username: 'consulent@rmc23', password: 'guess', scope: 'api' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  test('token requests are rate limited per client address (429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      statuses.push((await tokenRequest({ grant_type: 'password', client_id: 'estafette-dev-cli', username: 'consulent@rmc23', password: 'guess', scope: 'api' })).status);
    }
    expect(statuses).toContain(429);
    expect(statuses.at(-1)).toBe(429);
  });
});
