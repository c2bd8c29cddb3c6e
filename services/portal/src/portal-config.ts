/** The services the browser reaches through the portal, with their default ports (as in npm start). */
export const PROXIED_SERVICES = {
  school: 3001,
  rmc: 3002,
  'werk-inkomen': 3003,
  zorg: 3004,
  consent: 3005,
  monitor: 3006,
  organisations: 3007,
} as const;
export type ProxiedService = keyof typeof PROXIED_SERVICES;

export interface PortalConfig {
  port: number;
  host: string;
  /** The OpenID provider the browser logs in at (its issuer URL). */
  issuer: string;
  clientId: string;
  /** Where each service really listens: `<SERVICE>_URL`, else 127.0.0.1:<its port>. */
  targets: Record<ProxiedService, string>;
  /** The built SPA (vite build output). */
  webRoot: string;
  /** How long a proxied call may take before the portal answers 504. */
  proxyTimeoutMs: number;
}

export function portalConfigFromEnv(env: NodeJS.ProcessEnv, webRoot: string): PortalConfig {
  const targets = Object.fromEntries(
    Object.entries(PROXIED_SERVICES).map(([name, port]) => {
      const key = name.toUpperCase().replace(/-/g, '_');
      return [name, env[`${key}_URL`] ?? `http://127.0.0.1:${env[`${key}_PORT`] ?? port}`];
    }),
  ) as Record<ProxiedService, string>;
  return {
    port: Number(env.PORTAL_PORT ?? 3010),
    host: env.HOST ?? '127.0.0.1',
    issuer: env.PORTAL_OIDC_ISSUER ?? env.OIDC_ISSUER ?? 'http://127.0.0.1:3000',
    clientId: env.PORTAL_CLIENT_ID ?? 'estafette-portal',
    targets,
    webRoot,
    proxyTimeoutMs: Number(env.PORTAL_PROXY_TIMEOUT_MS ?? 30_000),
  };
}

/** What the SPA reads at start (/config.json): no secrets, only where to log in and where the APIs are. */
export function browserConfig(config: PortalConfig) {
  return {
    issuer: config.issuer,
    clientId: config.clientId,
    scope: 'openid api',
    api: Object.fromEntries(Object.keys(config.targets).map((name) => [name, `/api/${name}`])),
  };
}
