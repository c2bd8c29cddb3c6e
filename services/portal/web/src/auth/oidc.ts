import { jwtDecode } from 'jwt-decode';
import { ErrorResponse, InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { PortalConfig } from '../config.js';

/**
 * Login and logout with OpenID Connect (oidc-client-ts): the authorization code flow with PKCE (S256),
 * state and nonce checked on return, the provider found by discovery. The portal is a public client, so no
 * secret. While the provider's pages are open, the flow's state waits in sessionStorage; afterwards the
 * tokens live in sessionStorage (gone with the tab), never in a cookie and never in localStorage.
 */
export interface Session {
  accessToken: string;
  idToken?: string;
  /** Epoch milliseconds at which the access token expires (from the token response's expires_in). */
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

/** The session the pages read synchronously (api.ts): the only copy of the tokens the portal keeps. */
const SESSION = 'estafette.session';

let manager: UserManager | undefined;
function userManager(config: PortalConfig): UserManager {
  return (manager ??= new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${location.origin}/callback`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: config.scope,
    ui_locales: 'nl',
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
    // The library's own copy of the user stays in memory: the session below is the one kept for the tab.
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
  }));
}

const random = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24)))).replace(/[+/=]/g, '');

/** Goes to the provider's login page; after login the browser comes back on /callback, then to `returnTo`. */
export async function login(config: PortalConfig, returnTo: string): Promise<void> {
  await userManager(config).signinRedirect({ state: { returnTo }, nonce: random() });
}

/** On /callback: the library checks state and nonce and exchanges the code with the verifier; returns where to go next. */
export async function completeLogin(config: PortalConfig, url: URL): Promise<string> {
  let user: User;
  try {
    user = await userManager(config).signinRedirectCallback(url.href);
  } catch (error) {
    if (error instanceof ErrorResponse) throw new Error(error.error_description ?? error.error ?? 'inloggen mislukt', { cause: error });
    throw new Error('De inlogpoging is niet herkend. Probeer opnieuw in te loggen.', { cause: error });
  }
  const session: Session = {
    accessToken: user.access_token,
    idToken: user.id_token,
    expiresAt: (user.expires_at ?? Math.floor(Date.now() / 1000) + 600) * 1000,
    claims: jwtDecode<Claims>(user.access_token),
  };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  await userManager(config).removeUser();
  const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo;
  // Only a path on the portal itself: never a redirect elsewhere.
  return returnTo?.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
}

/** The logged-in session, or undefined when there is none or its access token has expired. */
export function currentSession(): Session | undefined {
  const session = JSON.parse(sessionStorage.getItem(SESSION) ?? 'null') as Session | null;
  if (!session || session.expiresAt <= Date.now()) return undefined;
  return session;
}

/** Forgets the tokens here and ends the session at the provider (which asks to confirm, then comes back). */
export async function logout(config: PortalConfig): Promise<void> {
  const idToken = currentSession()?.idToken;
  sessionStorage.removeItem(SESSION);
  // A provider without end_session_endpoint: the tokens are gone here, which is all the portal can end.
  await userManager(config)
    .signoutRedirect({ id_token_hint: idToken })
    .catch(() => location.assign('/'));
}
