import { clientCredentialsToken } from '@estafette/auth';
import type { ConsentClientOptions } from './consent-client.js';

/**
 * Where the consent service is and the service's own token for it, from the environment (README,
 * configuration): CONSENT_SERVICE_URL, SERVICE_CLIENT_ID, ESTAFETTE_SERVICE_CLIENT_SECRET, and
 * OIDC_TOKEN_URL or `<OIDC_ISSUER>/token`. Undefined without a secret: the caller then denies every fetch.
 */
export function consentAccessFromEnv(defaultClientId: string, env: NodeJS.ProcessEnv = process.env): Pick<ConsentClientOptions, 'baseUrl' | 'accessToken'> | undefined {
  const clientSecret = env.ESTAFETTE_SERVICE_CLIENT_SECRET;
  const tokenUrl = env.OIDC_TOKEN_URL ?? (env.OIDC_ISSUER ? `${env.OIDC_ISSUER.replace(/\/$/, '')}/token` : undefined);
  if (!clientSecret || !tokenUrl) return undefined;
  return {
    baseUrl: env.CONSENT_SERVICE_URL ?? 'http://127.0.0.1:3005',
    accessToken: clientCredentialsToken({ tokenUrl, clientId: env.SERVICE_CLIENT_ID ?? defaultClientId, clientSecret, ...(env.OIDC_RESOURCE ? { resource: env.OIDC_RESOURCE } : {}) }),
  };
}
