import type { ServiceClientKind } from '@estafette/contracts';
import Provider, { errors, type KoaContextWithOIDC, type ResourceServer } from 'oidc-provider';
import { DEMO_CLIENTS, DEMO_USERS, platformClaims, SERVICE_CLIENTS, type DemoUser } from './demo-directory.js';
import type { DevState } from './dev-state.js';
import { FIRST_PARTY_CLIENTS } from './interactions.js';
import { loggedOutPage, logoutPage, PAGE_CSP } from './login-page.js';
import { LoginThrottle } from './login-throttle.js';
import { registerPasswordGrant } from './password-grant.js';

export const API_AUDIENCE = 'estafette-api';
/** Resource indicators must be absolute URIs (RFC 8707); the token's audience stays the short name. */
export const API_RESOURCE = 'urn:estafette:api';
const ACCESS_TOKEN_SECONDS = 600;

// No form-action: the logout form's redirect goes on to the portal, which form-action would block.
const PAGE_CSP_FOR_LOGOUT = PAGE_CSP;
export const PORTAL_CLIENT_ID = 'estafette-portal';
export const DEFAULT_PORTAL_ORIGIN = 'http://127.0.0.1:3010';

export interface ProviderOptions {
  /** Each service client's own secret (estafette-<kind>-service); a client without one is not registered. */
  serviceClientSecrets?: Partial<Record<ServiceClientKind, string>>;
  /** Counts failed password-grant logins (shared with the login form); default: its own, with the default limits. */
  loginThrottle?: LoginThrottle;
  /** The portal's origin: its /callback is the only redirect URI of the public client estafette-portal. */
  portalOrigin?: string;
  /** The people who can log in (demoUsers()); DEMO_USERS when omitted. */
  users?: DemoUser[];
}

/**
 * The development OpenID provider (the certified oidc-provider library). Access tokens are JWTs for the
 * audience estafette-api carrying role, organisation_type and organisation_id, like a production
 * provider configured with the same claim mappers.
 */
export function createIdentityProvider(issuer: string, state: DevState, options: ProviderOptions = {}): Provider {
  const serviceClientSecrets = options.serviceClientSecrets ?? {};
  const users = options.users ?? DEMO_USERS;
  // Unset, the local portal is admitted under both names a developer types (127.0.0.1 and localhost).
  const portalOrigins = options.portalOrigin ? [new URL(options.portalOrigin).origin] : [DEFAULT_PORTAL_ORIGIN, 'http://localhost:3010'];
  // A service client exists only with its own secret (<KIND>_SERVICE_CLIENT_SECRET): a leaked school secret is not the RMC's.
  const serviceClients = SERVICE_CLIENTS.filter((c) => serviceClientSecrets[c.kind]);
  const machineClient = (clientId: string, secret: string) => ({
    client_id: clientId,
    client_secret: secret,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic' as const,
    scope: 'api',
  });
  const resourceInfo: ResourceServer = {
    scope: 'api',
    audience: API_AUDIENCE,
    accessTokenTTL: ACCESS_TOKEN_SECONDS,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'RS256' } },
  };
  const provider = new Provider(issuer, {
    clients: [
      ...DEMO_CLIENTS.map((c) => machineClient(c.clientId, state.clientSecrets[c.clientId]!)),
      ...serviceClients.map((c) => machineClient(c.clientId, serviceClientSecrets[c.kind]!)),
      {
        client_id: 'estafette-dev-cli',
        grant_types: ['password'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'none' as const,
        scope: 'api',
      },
      {
        // The portal SPA: a public client (no secret in a browser), code flow with PKCE S256 only.
        client_id: PORTAL_CLIENT_ID,
        client_name: 'Estafette-portaal',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: portalOrigins.map((o) => `${o}/callback`),
        post_logout_redirect_uris: portalOrigins.map((o) => `${o}/`),
        token_endpoint_auth_method: 'none' as const,
        scope: 'openid api',
      },
    ],
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    // The browser of the portal calls the token endpoint cross-origin; only from the portal's own origin.
    clientBasedCORS: (_ctx, origin, client) => client.clientId === PORTAL_CLIENT_ID && portalOrigins.includes(origin),
    // First-party: the platform's organisations agreed to the portal, so the user is not asked to consent.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      if (!FIRST_PARTY_CLIENTS.has(ctx.oidc.client!.clientId)) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid api');
      grant.addResourceScope(API_RESOURCE, 'api');
      await grant.save();
      return grant;
    },
    scopes: ['openid', 'api'],
    jwks: { keys: [state.signingKey as never] },
    cookies: { keys: [state.cookieKey] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.set('content-security-policy', PAGE_CSP_FOR_LOGOUT);
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage();
        },
      },
      clientCredentials: { enabled: true },
      introspection: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: KoaContextWithOIDC, resource: string) => {
          if (resource !== API_RESOURCE) throw new errors.InvalidTarget();
          return resourceInfo;
        },
      },
    },
    findAccount: async (_ctx, id) => {
      const user = users.find((u) => u.subject === id);
      return user ? { accountId: id, claims: async () => ({ sub: id, ...platformClaims(user) }) } : undefined;
    },
    // Who the token is for decides the claims: a machine client's organisation, or a person's.
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind === 'ClientCredentials') {
        const client = [...DEMO_CLIENTS, ...serviceClients].find((c) => c.clientId === token.clientId);
        return client ? platformClaims(client) : undefined;
      }
      const user = users.find((u) => u.subject === (token as { accountId?: string }).accountId);
      return user ? platformClaims(user) : undefined;
    },
    ttl: { ClientCredentials: ACCESS_TOKEN_SECONDS, AccessToken: ACCESS_TOKEN_SECONDS },
  });
  registerPasswordGrant(provider, users, state.demoPassword, API_RESOURCE, resourceInfo, options.loginThrottle ?? new LoginThrottle());
  return provider;
}
