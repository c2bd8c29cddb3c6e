import type { PortalConfig } from '../config.js';

/**
 * OpenID Connect authorization code flow with PKCE (S256), in the browser, in about 80 lines: the portal
 * is a public client, so no secret; tokens live in sessionStorage (gone with the tab) and never in a cookie.
 */
export interface Session {
  accessToken: string;
  idToken?: string;
  expiresAt: number;
  claims: Claims;
}

/** The access token's claims the UI uses to choose what to show; the services check the token themselves. */
export interface Claims {
  sub: string;
  role: string;
  organisation_type?: string;
  organisation_id?: string;
}

const SESSION = 'estafette.session';
const PENDING = 'estafette.login';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

let discovery: Promise<Discovery> | undefined;
const discover = (issuer: string) =>
  (discovery ??= fetch(`${issuer}/.well-known/openid-configuration`).then((r) => {
    if (!r.ok) throw new Error(`discovery: ${r.status}`);
    return r.json() as Promise<Discovery>;
  }));

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

export async function login(config: PortalConfig, returnTo: string): Promise<void> {
  const { authorization_endpoint } = await discover(config.issuer);
  const verifier = random();
  const state = random();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const query = new URLSearchParams({
    client_id: config.clientId, response_type: 'code', scope: config.scope, redirect_uri: `${location.origin}/callback`,
    state, code_challenge: challenge, code_challenge_method: 'S256', ui_locales: 'nl',
  });
  location.assign(`${authorization_endpoint}?${query}`);
}

/** On /callback: checks the state, exchanges the code (with the verifier) and returns where to go next. */
export async function completeLogin(config: PortalConfig, url: URL): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(PENDING);
  const error = url.searchParams.get('error');
  if (error) throw new Error(url.searchParams.get('error_description') ?? error);
  if (!pending || url.searchParams.get('state') !== pending.state) throw new Error('De inlogpoging is niet herkend. Probeer opnieuw in te loggen.');
  const { token_endpoint } = await discover(config.issuer);
  const res = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code: url.searchParams.get('code') ?? '', redirect_uri: `${location.origin}/callback`, code_verifier: pending.verifier }),
  });
  const body = (await res.json()) as { access_token?: string; id_token?: string; expires_in?: number; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(body.error_description ?? `inloggen mislukt (${res.status})`);
  const session: Session = { accessToken: body.access_token, idToken: body.id_token, expiresAt: Date.now() + (body.expires_in ?? 600) * 1000, claims: decode(body.access_token) };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  return pending.returnTo || '/';
}

export function currentSession(): Session | undefined {
  const session = JSON.parse(sessionStorage.getItem(SESSION) ?? 'null') as Session | null;
  if (!session || session.expiresAt <= Date.now()) return undefined;
  return session;
}

/** Forgets the tokens here and ends the session at the provider (which asks to confirm, then comes back). */
export async function logout(config: PortalConfig): Promise<void> {
  const idToken = currentSession()?.idToken;
  sessionStorage.removeItem(SESSION);
  const { end_session_endpoint } = await discover(config.issuer);
  if (!end_session_endpoint) return location.assign('/');
  const query = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: `${location.origin}/`, ...(idToken ? { id_token_hint: idToken } : {}) });
  location.assign(`${end_session_endpoint}?${query}`);
}

function decode(jwt: string): Claims {
  const payload = jwt.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(decodeURIComponent(escape(json))) as Claims;
}
