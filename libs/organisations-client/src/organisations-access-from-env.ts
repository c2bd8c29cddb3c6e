import { serviceTokenFromEnv } from '@estafette/auth';
import type { OrganisationsAccess } from './organisations-client.js';

const number = (value: string | undefined) => (value ? Number(value) : undefined);

/**
 * How a service reaches the organisation directory, from the environment (README, configuration):
 * ORGANISATIONS_SERVICE_URL (default http://127.0.0.1:3007), the service's own client credentials as for
 * every service-to-service call (SERVICE_CLIENT_ID, ESTAFETTE_SERVICE_CLIENT_SECRET, OIDC_TOKEN_URL or
 * `<OIDC_ISSUER>/token`), ORGANISATIONS_TIMEOUT_MS and ORGANISATIONS_CACHE_MS. Without credentials the
 * access has no token: lookups are then unavailable (names left out, offers refused with 503).
 */
export function organisationsAccessFromEnv(defaultClientId: string, env: NodeJS.ProcessEnv = process.env): OrganisationsAccess {
  const accessToken = serviceTokenFromEnv(defaultClientId, env);
  const timeoutMs = number(env.ORGANISATIONS_TIMEOUT_MS);
  const cacheMs = number(env.ORGANISATIONS_CACHE_MS);
  return {
    baseUrl: env.ORGANISATIONS_SERVICE_URL ?? 'http://127.0.0.1:3007',
    ...(accessToken ? { accessToken } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(cacheMs !== undefined ? { cacheMs } : {}),
  };
}
