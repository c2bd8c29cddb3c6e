import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { loadOrCreateDevState, type DevState } from '../src/dev-state.js';
import { startIdentityServer, type IdentityServer } from '../src/identity-server.js';

const PORTAL = 'http://portal.test:3010';
const FIFTEEN_MINUTES = 900;

// Password guessing against the provider's login form and its password grant: after 5 wrong passwords for a
// username (or 20 from one address; 8 on the strict server here) within 15 minutes the answer is 429 with Retry-After, whatever
// the password; other users keep logging in.
describe('identity: failed logins are limited per username and per client address', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'identity-throttle-'));
  let state: DevState;
  let identity: IdentityServer;
  let strict: IdentityServer;

  beforeAll(async () => {
    state = await loadOrCreateDevState(path.join(dir, 'dev-state.json'));
    // The default per username; per address raised, as every test here comes from 127.0.0.1 and counts there.
    identity = await startIdentityServer(state, {
      port: 0,
      host: '127.0.0.1',
      portalOrigin: PORTAL,
      loginThrottle: { failuresPerAddress: 100 },
    });
    // The default per username, a low limit per address, so one test reaches it with a few usernames.
    strict = await startIdentityServer(state, {
      port: 0,
      host: '127.0.0.1',
      portalOrigin: PORTAL,
      loginThrottle: { failuresPerAddress: 8 },
    });
  });

  afterAll(async () => {
    await identity?.close();
    await strict?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The browser's part of the code flow up to the login form, with a cookie jar; returns a form poster. */
  async function loginForm(server: IdentityServer) {
    const jar = new Map<string, string>();
    const get = async (url: string, init: RequestInit = {}) => {
      const res = await fetch(new URL(url, server.issuer), {
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
    const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
    const query = new URLSearchParams({
      client_id: 'estafette-portal',
      redirect_uri: `${PORTAL}/callback`,
      response_type: 'code',
      scope: 'openid api',
      state: 's',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const interaction = (await get(`/auth?${query}`)).headers.get('location')!;
    expect(interaction).toMatch(/^\/interaction\//);
    return (username: string, password: string) =>
      get(interaction, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password }).toString(),
      });
  }

  const passwordGrant = (server: IdentityServer, username: string, password: string) =>
    fetch(`${server.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'estafette-dev-cli', username, password, scope: 'api' }),
    });

  const retryAfter = (res: Response) => Number(res.headers.get('retry-after'));

  test('login form: the 6th try after 5 wrong passwords is 429 with Retry-After, even with the right password; another user still logs in', async () => {
    const post = await loginForm(identity);
    for (let i = 0; i < 5; i++) expect((await post('consulent@mc21', `guess-${i}`)).status).toBe(401);

    const blocked = await post('consulent@mc21', state.demoPassword);
    expect(blocked.status).toBe(429);
    expect(retryAfter(blocked)).toBeGreaterThan(0);
    expect(retryAfter(blocked)).toBeLessThanOrEqual(FIFTEEN_MINUTES);
    const page = await blocked.text();
    expect(page).toContain('Te veel mislukte inlogpogingen');
    expect(page).toContain('role="alert"');
    // The username counts however it is typed.
    expect((await post(' Consulent@MC21', state.demoPassword)).status).toBe(429);

    const other = await post('consulent@gm0363', state.demoPassword);
    expect(other.status).toBe(303);
  });

  test('password grant: 5 wrong passwords, then 429 too_many_requests with Retry-After; another user still gets a token', async () => {
    for (let i = 0; i < 5; i++) {
      const wrong = await passwordGrant(identity, 'docent@25xy', `guess-${i}`);
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    }
    const blocked = await passwordGrant(identity, 'docent@25xy', state.demoPassword);
    expect(blocked.status).toBe(429);
    expect(retryAfter(blocked)).toBeGreaterThan(0);
    expect(retryAfter(blocked)).toBeLessThanOrEqual(FIFTEEN_MINUTES);
    expect(await blocked.json()).toMatchObject({ error: 'too_many_requests' });

    const other = await passwordGrant(identity, 'docent@31qq', state.demoPassword);
    expect(other.status).toBe(200);
    expect(((await other.json()) as { access_token?: string }).access_token).toBeTruthy();
  });

  test('form and grant count together: wrong passwords on the form block the grant for that username', async () => {
    const post = await loginForm(identity);
    for (let i = 0; i < 5; i++) expect((await post('fg@mc21', `guess-${i}`)).status).toBe(401);
    expect((await passwordGrant(identity, 'fg@mc21', state.demoPassword)).status).toBe(429);
  });

  test('a correct password clears the username: someone who mistyped 4 times and then got in may mistype again', async () => {
    for (let i = 0; i < 4; i++) expect((await passwordGrant(identity, 'ops@platform', 'typo')).status).toBe(400);
    expect((await passwordGrant(identity, 'ops@platform', state.demoPassword)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await passwordGrant(identity, 'ops@platform', 'typo')).status).toBe(400);
    expect((await passwordGrant(identity, 'ops@platform', state.demoPassword)).status).toBe(200);
  });

  test('per address: guessing across many usernames blocks that address, also for a right password of a fresh username', async () => {
    const post = await loginForm(strict);
    // Unknown usernames count as well: 8 failures, never more than 1 per username.
    for (let i = 0; i < 8; i++) expect((await post(`nobody-${i}@nowhere`, 'guess')).status).toBe(401);
    const blocked = await post('coordinator@mc21', state.demoPassword);
    expect(blocked.status).toBe(429);
    expect(retryAfter(blocked)).toBeGreaterThan(0);
    expect((await passwordGrant(strict, 'coordinator@mc21', state.demoPassword)).status).toBe(429);
    // The other server counts apart: nothing here leaks into it.
    expect((await passwordGrant(identity, 'coordinator@mc21', state.demoPassword)).status).toBe(200);
  });
});
