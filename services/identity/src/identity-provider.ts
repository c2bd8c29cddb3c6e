import Provider, { errors, type KoaContextWithOIDC, type ResourceServer } from 'oidc-provider';
import { DEMO_CLIENTS, DEMO_USERS, platformClaims, SERVICE_CLIENTS } from './demo-directory.js';
import type { DevState } from './dev-state.js';
import { registerPasswordGrant } from './password-grant.js';

export const API_AUDIENCE = 'estafette-api';
/** Resource indicators must be absolute URIs (RFC 8707); the token's audience stays the short name. */
export const API_RESOURCE = 'urn:estafette:api';
const ACCESS_TOKEN_SECONDS = 600;

/**
 * The development OpenID provider (the certified oidc-provider library). Access tokens are JWTs for the
 * audience estafette-api carrying role, organisation_type and organisation_id, like a production
 * provider configured with the same claim mappers.
 */
export function createIdentityProvider(issuer: string, state: DevState, serviceClientSecret?: string): Provider {
  // Without the shared secret (ESTAFETTE_SERVICE_CLIENT_SECRET) no service client exists: none can get a token.
  const serviceClients = serviceClientSecret ? SERVICE_CLIENTS : [];
  const machineClient = (clientId: string, secret: string) => ({
    client_id: clientId,
    client_secret: secret,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic' as const,
    scope: 'api',
  });
  const resourceInfo: ResourceServer = { scope: 'api', audience: API_AUDIENCE, accessTokenTTL: ACCESS_TOKEN_SECONDS, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
  const provider = new Provider(issuer, {
    clients: [
      ...DEMO_CLIENTS.map((c) => machineClient(c.clientId, state.clientSecrets[c.clientId]!)),
      ...serviceClients.map((c) => machineClient(c.clientId, serviceClientSecret!)),
      {
        client_id: 'estafette-dev-cli',
        grant_types: ['password'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'none' as const,
        scope: 'api',
      },
    ],
    scopes: ['openid', 'api'],
    jwks: { keys: [state.signingKey as never] },
    cookies: { keys: [state.cookieKey] },
    features: {
      devInteractions: { enabled: false },
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
      const user = DEMO_USERS.find((u) => u.subject === id);
      return user ? { accountId: id, claims: async () => ({ sub: id, ...platformClaims(user) }) } : undefined;
    },
    // Who the token is for decides the claims: a machine client's organisation, or a person's.
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind === 'ClientCredentials') {
        const client = [...DEMO_CLIENTS, ...serviceClients].find((c) => c.clientId === token.clientId);
        return client ? platformClaims(client) : undefined;
      }
      const user = DEMO_USERS.find((u) => u.subject === (token as { accountId?: string }).accountId);
      return user ? platformClaims(user) : undefined;
    },
    ttl: { ClientCredentials: ACCESS_TOKEN_SECONDS, AccessToken: ACCESS_TOKEN_SECONDS },
  });
  registerPasswordGrant(provider, DEMO_USERS, state.demoPassword, API_RESOURCE, resourceInfo);
  return provider;
}
