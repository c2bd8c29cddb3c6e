export interface ClientCredentialsSettings {
  /** The provider's token endpoint (OIDC_TOKEN_URL, or `<OIDC_ISSUER>/token`). */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The API the token is for (resource indicator); the provider's default when absent. */
  resource?: string;
  /** Fetch a new token this long before the old one expires, so a request never leaves with a token about to lapse. */
  refreshBeforeSeconds?: number;
  timeoutMs?: number;
}

/**
 * A service's own access token (OAuth client credentials), kept until shortly before it expires.
 * Callers asking at the same time share one request to the provider. Usable as ConsentClient's `accessToken`.
 */
export function clientCredentialsToken(settings: ClientCredentialsSettings): () => Promise<string> {
  const refreshBeforeMs = (settings.refreshBeforeSeconds ?? 30) * 1000;
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const fetchToken = async (): Promise<string> => {
    const body = new URLSearchParams({ grant_type: 'client_credentials', ...(settings.resource ? { resource: settings.resource } : {}) });
    const res = await fetch(settings.tokenUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`).toString('base64')}`,
      },
      body,
      signal: AbortSignal.timeout(settings.timeoutMs ?? 5_000),
    });
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`token endpoint answered ${res.status} for client ${settings.clientId}`);
    }
    const { access_token, expires_in } = (await res.json()) as { access_token?: string; expires_in?: number };
    if (typeof access_token !== 'string') throw new Error('token endpoint answered without access_token');
    cached = { token: access_token, refreshAt: Date.now() + (expires_in ?? 0) * 1000 - refreshBeforeMs };
    return access_token;
  };

  return async () => {
    if (cached && Date.now() < cached.refreshAt) return cached.token;
    pending ??= fetchToken().finally(() => (pending = undefined));
    return pending;
  };
}

/**
 * The service's own token source from the environment: SERVICE_CLIENT_ID (default `defaultClientId`),
 * ESTAFETTE_SERVICE_CLIENT_SECRET, OIDC_TOKEN_URL or `<OIDC_ISSUER>/token`, OIDC_RESOURCE.
 * Undefined without a secret or token endpoint: the service then reads no other organisation's content.
 */
export function serviceTokenFromEnv(defaultClientId: string, env: NodeJS.ProcessEnv = process.env): (() => Promise<string>) | undefined {
  const clientSecret = env.ESTAFETTE_SERVICE_CLIENT_SECRET;
  const tokenUrl = env.OIDC_TOKEN_URL ?? (env.OIDC_ISSUER ? `${env.OIDC_ISSUER.replace(/\/$/, '')}/token` : undefined);
  if (!clientSecret || !tokenUrl) return undefined;
  return clientCredentialsToken({
    tokenUrl,
    clientId: env.SERVICE_CLIENT_ID ?? defaultClientId,
    clientSecret,
    ...(env.OIDC_RESOURCE ? { resource: env.OIDC_RESOURCE } : {}),
  });
}
