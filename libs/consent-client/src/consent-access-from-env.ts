import { clientCredentialsToken } from '@estafette/auth';
import { ConsentClient, type ConsentClientOptions } from './consent-client.js';

/** How a content-holding service reaches the consent service: where it is, its own token, how long it waits. */
export type ConsentAccess = Pick<ConsentClientOptions, 'baseUrl' | 'accessToken' | 'timeoutMs'>;

/**
 * Where the consent service is and the service's own token for it, from the environment (README,
 * configuration): CONSENT_SERVICE_URL, SERVICE_CLIENT_ID, ESTAFETTE_SERVICE_CLIENT_SECRET (this service's own client secret), and
 * OIDC_TOKEN_URL or `<OIDC_ISSUER>/token`, and CONSENT_TIMEOUT_MS (default 2000). Undefined without a secret: the caller then denies every fetch.
 */
export function consentAccessFromEnv(defaultClientId: string, env: NodeJS.ProcessEnv = process.env): ConsentAccess | undefined {
  const clientSecret = env.ESTAFETTE_SERVICE_CLIENT_SECRET;
  const tokenUrl = env.OIDC_TOKEN_URL ?? (env.OIDC_ISSUER ? `${env.OIDC_ISSUER.replace(/\/$/, '')}/token` : undefined);
  if (!clientSecret || !tokenUrl) return undefined;
  return {
    baseUrl: env.CONSENT_SERVICE_URL ?? 'http://127.0.0.1:3005',
    ...(env.CONSENT_TIMEOUT_MS ? { timeoutMs: Number(env.CONSENT_TIMEOUT_MS) } : {}),
    accessToken: clientCredentialsToken({
      tokenUrl,
      clientId: env.SERVICE_CLIENT_ID ?? defaultClientId,
      clientSecret,
      ...(env.OIDC_RESOURCE ? { resource: env.OIDC_RESOURCE } : {}),
    }),
  };
}

/**
 * The service's one ConsentClient from its access. Without access (no service credentials) there is no one to ask,
 * so every question fails closed: a deny, and `warn` is told why on every refused fetch.
 */
export function failClosedConsentClient(access: ConsentAccess | undefined, warn: (message: string) => void): ConsentClient {
  const reach = access ?? {
    baseUrl: 'http://127.0.0.1:3005',
    accessToken: () =>
      Promise.reject(new Error('no consent service credentials configured (SERVICE_CLIENT_ID, ESTAFETTE_SERVICE_CLIENT_SECRET)')),
  };
  return new ConsentClient({ ...reach, onError: (error) => warn(`consent service not asked, fetch denied: ${error.message}`) });
}
