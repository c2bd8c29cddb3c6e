import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { clientCredentialsToken, TokenVerifier } from '@estafette/auth';
import { derivePseudonymousReference } from '@estafette/messaging';
import { createTestDatabase, provisionTestTopics, uniqueTopicPrefix, type TestDatabase, serviceKafka } from '@estafette/testing';
import { createSchoolApp } from '../../school/src/create-school-app.js';
import { DEMO_JONGERE_BSN } from '../src/demo-directory.js';
import { loadOrCreateDevState, type DevState } from '../src/dev-state.js';
import { startIdentityServer, type IdentityServer } from '../src/identity-server.js';

// Each service client has its own secret: the school's does not open the RMC's client.
const SERVICE_SECRETS = {
  school: 'school-service-secret-for-tests-only',
  rmc: 'rmc-service-secret-for-tests-only',
  'werk-inkomen': 'wi-service-secret-for-tests-only',
  zorg: 'zorg-service-secret-for-tests-only',
} as const;
const PSEUDONYM_SECRET = 'test-secret-of-at-least-thirty-two-bytes!';
const PORTAL = 'http://portal.test:3010';

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
    identity = await startIdentityServer(state, {
      port: 0,
      host: '127.0.0.1',
      tokenRequestsPerMinute: 20,
      serviceClientSecrets: SERVICE_SECRETS,
      portalOrigin: PORTAL,
      schoolPseudonymSecret: PSEUDONYM_SECRET,
    });
    await provisionTestTopics(prefix);
    db = await createTestDatabase('identityschool');
    // The school finds the provider's keys through discovery, as it would with Keycloak or Entra ID.
    school = await createSchoolApp(
      {
        name: 'school',
        port: 0,
        host: '127.0.0.1',
        databaseUrl: db.url,
        migrationUrl: db.ownerUrl,
        ...serviceKafka('school'),
        topicPrefix: prefix,
        oidcIssuer: identity.issuer,
        oidcAudience: 'estafette-api',
      },
      { pseudonymSecret: PSEUDONYM_SECRET, publicUrl: 'http://school.test' },
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
    const res = await tokenRequest({ grant_type: 'client_credentials', scope: 'api' }, [
      'school-25xy',
      state.clientSecrets['school-25xy']!,
    ]);
    expect(res.status).toBe(200);
    const { access_token, token_type } = (await res.json()) as { access_token: string; token_type: string };
    expect(token_type).toBe('Bearer');

    const principal = await new TokenVerifier({ issuer: identity.issuer, audience: 'estafette-api' }).verify(access_token);
    expect(principal).toMatchObject({
      role: 'school-system',
      organisationType: 'school',
      organisationId: 'brin:25XY',
      subject: 'school-25xy',
    });

    const posted = await fetch(`${schoolUrl}/uitschrijvingen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
      body: JSON.stringify({
        schoolReference: 'UIT-IDP-1',
        studentNumber: '1001',
        birthDate: '2008-01-01',
        deregistrationDate: new Date().toISOString().slice(0, 10),
        schoolType: 'vo',
        highestDiploma: 'geen',
        reason: 'zonder-vervolg',
        exitInterviewHeld: false,
        municipalityOfResidence: 'GM0363',
      }),
    });
    expect(posted.status).toBe(201);
  });

  test('each service kind has a client (role service, no organisation) whose token the token source caches', async () => {
    for (const kind of ['school', 'rmc', 'werk-inkomen', 'zorg'] as const) {
      const token = clientCredentialsToken({
        tokenUrl: `${identity.issuer}/token`,
        clientId: `estafette-${kind}-service`,
        clientSecret: SERVICE_SECRETS[kind],
      });
      const first = await token();
      expect(await token()).toBe(first);
      const principal = await new TokenVerifier({ issuer: identity.issuer, audience: 'estafette-api' }).verify(first);
      expect(principal).toEqual({
        role: 'service',
        organisationType: kind,
        subject: `estafette-${kind}-service`,
        clientId: `estafette-${kind}-service`,
      });
    }
    await expect(
      clientCredentialsToken({ tokenUrl: `${identity.issuer}/token`, clientId: 'estafette-school-service', clientSecret: 'guess' })(),
    ).rejects.toThrow('401');
    // A leaked school secret does not let anyone act as the RMC.
    await expect(
      clientCredentialsToken({
        tokenUrl: `${identity.issuer}/token`,
        clientId: 'estafette-rmc-service',
        clientSecret: SERVICE_SECRETS.school,
      })(),
    ).rejects.toThrow('401');
  });

  test('a wrong client secret gets no token', async () => {
    const res = await tokenRequest({ grant_type: 'client_credentials', scope: 'api' }, ['school-25xy', 'not-the-secret']);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
  });

  test('an RMC consulent logs in with a password; the token carries the region, and the school API refuses it (403)', async () => {
    const res = await tokenRequest({
      grant_type: 'password',
      client_id: 'estafette-dev-cli',
      username: 'consulent@mc21',
      password: state.demoPassword,
      scope: 'api',
    });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    const principal = await new TokenVerifier({ issuer: identity.issuer, audience: 'estafette-api' }).verify(access_token);
    expect(principal).toMatchObject({
      role: 'rmc-consulent',
      organisationType: 'rmc',
      organisationId: 'rmc:MC21',
      subject: 'consulent@mc21',
    });
    const list = await fetch(`${schoolUrl}/uitschrijvingen`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(list.status).toBe(403);
  });

  test('a wrong password gets invalid_grant', async () => {
    const res = await tokenRequest({
      grant_type: 'password',
      client_id: 'estafette-dev-cli',
      username: 'consulent@mc21',
      password: 'guess',
      scope: 'api',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  /** The browser's part of the code flow, with a cookie jar: the authorization request up to the login form. */
  function browser() {
    const jar = new Map<string, string>();
    return async (url: string, init: RequestInit = {}) => {
      const res = await fetch(new URL(url, identity.issuer), {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const at = pair!.indexOf('=');
        jar.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
      return res;
    };
  }
  async function startCodeFlow(challenge: { code_challenge?: string; code_challenge_method?: string }, get = browser()) {
    const query = new URLSearchParams({
      client_id: 'estafette-portal',
      redirect_uri: `${PORTAL}/callback`,
      response_type: 'code',
      scope: 'openid api',
      state: 'st-1',
      ...challenge,
    });
    const auth = await get(`/auth?${query}`);
    return { auth, get };
  }

  test('the portal logs a person in with the code flow and PKCE; the access token carries the same claims as the password grant', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const { auth, get } = await startCodeFlow({
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    expect(auth.status).toBe(303);
    const interaction = auth.headers.get('location')!;
    expect(interaction).toMatch(/^\/interaction\//);
    const page = await get(interaction);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toMatch(/<label for="username">Gebruikersnaam<\/label>/);

    const form = (username: string, password: string) =>
      get(interaction, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password }).toString(),
      });
    const wrong = await form('consulent@mc21', 'guess');
    expect(wrong.status).toBe(401);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('Onbekende gebruikersnaam of verkeerd wachtwoord');
    expect(wrongHtml).toContain('aria-describedby="login-fout"');

    const ok = await form('consulent@mc21', state.demoPassword);
    expect(ok.status).toBe(303);
    // Back through the provider (consent for a first-party client is granted without asking) to the portal.
    let next = ok.headers.get('location')!;
    for (let hops = 0; !next.startsWith(PORTAL) && hops < 5; hops++) {
      const hop = await get(next);
      expect(hop.status).toBe(303);
      next = hop.headers.get('location')!;
    }
    const callback = new URL(next);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${PORTAL}/callback`);
    expect(callback.searchParams.get('state')).toBe('st-1');
    const code = callback.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const exchange = (code_verifier: string) =>
      fetch(`${identity.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PORTAL },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: 'estafette-portal',
          code,
          redirect_uri: `${PORTAL}/callback`,
          code_verifier,
        }),
      });
    const stolen = await exchange(randomBytes(32).toString('base64url'));
    expect(stolen.status).toBe(400);
    expect(await stolen.json()).toMatchObject({ error: 'invalid_grant' });
    // A failed verifier consumes the code (one use); a fresh flow gets a fresh code.
    // The same browser has a session now: straight back to the portal, no form.
    const second = await startCodeFlow(
      { code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' },
      get,
    );
    expect(second.auth.status).toBe(303);
    const code2 = new URL(second.auth.headers.get('location')!).searchParams.get('code')!;
    expect(code2).toBeTruthy();
    const res = await fetch(`${identity.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PORTAL },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: 'estafette-portal',
        code: code2,
        redirect_uri: `${PORTAL}/callback`,
        code_verifier: verifier,
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(PORTAL);
    const { access_token, id_token } = (await res.json()) as { access_token: string; id_token: string };
    expect(id_token).toBeTruthy();
    const principal = await new TokenVerifier({ issuer: identity.issuer, audience: 'estafette-api' }).verify(access_token);
    expect(principal).toMatchObject({
      role: 'rmc-consulent',
      organisationType: 'rmc',
      organisationId: 'rmc:MC21',
      subject: 'consulent@mc21',
    });
    const worklistAtSchool = await fetch(`${schoolUrl}/uitschrijvingen`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(worklistAtSchool.status).toBe(403); // accepted as a token, refused by role
  });

  test('the portal client must use PKCE (S256): an authorization request without a challenge is refused', async () => {
    const { auth } = await startCodeFlow({});
    expect(auth.status).toBe(303);
    const location = new URL(auth.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${PORTAL}/callback`);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
    const plain = await startCodeFlow({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' });
    expect(new URL(plain.auth.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  test("the demo young person's subject is the school's pseudonym of their demo BSN", async () => {
    const res = await tokenRequest({
      grant_type: 'password',
      client_id: 'estafette-dev-cli',
      username: 'jongere@demo',
      password: state.demoPassword,
      scope: 'api',
    });
    const { access_token } = (await res.json()) as { access_token: string };
    const principal = await new TokenVerifier({ issuer: identity.issuer, audience: 'estafette-api' }).verify(access_token);
    expect(principal).toMatchObject({
      role: 'jongere',
      subject: derivePseudonymousReference(PSEUDONYM_SECRET, { organisationId: 'bsn', personId: DEMO_JONGERE_BSN }),
    });
  });

  test("the demo parent logs in as themself, linked to the demo young person's subject (claim guardian_of)", async () => {
    const res = await tokenRequest({
      grant_type: 'password',
      client_id: 'estafette-dev-cli',
      username: 'ouder@demo',
      password: state.demoPassword,
      scope: 'api',
    });
    const { access_token } = (await res.json()) as { access_token: string };
    const principal = await new TokenVerifier({ issuer: identity.issuer, audience: 'estafette-api' }).verify(access_token);
    const child = derivePseudonymousReference(PSEUDONYM_SECRET, { organisationId: 'bsn', personId: DEMO_JONGERE_BSN });
    expect(principal).toMatchObject({ role: 'ouder-of-voogd', subject: 'ouder@demo', guardianOf: [child] });
  });

  test('token requests are rate limited per client address (429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      // Client credentials with a wrong secret: not a login, so only this per-address limit can answer 429.
      statuses.push((await tokenRequest({ grant_type: 'client_credentials' }, ['school-25xy', 'guess'])).status);
    }
    expect(statuses).toContain(429);
    expect(statuses.at(-1)).toBe(429);
  });
});
