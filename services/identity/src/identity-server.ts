import type { ServiceClientKind } from '@estafette/contracts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DevState } from './dev-state.js';
import { demoUsers } from './demo-directory.js';
import { createIdentityProvider } from './identity-provider.js';
import { interactionHandler } from './interactions.js';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle, type LoginThrottleOptions } from './login-throttle.js';

export interface IdentityServer {
  issuer: string;
  close(): Promise<void>;
}

export interface IdentityServerOptions {
  port: number;
  host: string;
  /** Public issuer URL; defaults to http://host:port. */
  issuer?: string;
  /** Token requests per client address per minute (login and client credentials); 429 beyond. */
  tokenRequestsPerMinute?: number;
  /** Each service client's own secret (estafette-<kind>-service); a client without one is not registered. */
  serviceClientSecrets?: Partial<Record<ServiceClientKind, string>>;
  /** Failed logins (login form and password grant) per username and per address before 429; default 5 and 20 per 15 minutes. */
  loginThrottle?: Partial<LoginThrottleOptions>;
  /** Origin of the portal (PORTAL_ORIGIN): where the code flow may redirect to. */
  portalOrigin?: string;
  /** The school's pseudonym secret: the demo young person's subject is derived from their demo BSN with it. */
  schoolPseudonymSecret?: string;
}

/** The provider behind a plain HTTP server, with /health for the platform and a limit on the token endpoint. */
export async function startIdentityServer(state: DevState, options: IdentityServerOptions): Promise<IdentityServer> {
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const issuer = options.issuer ?? `http://${options.host}:${(server.address() as AddressInfo).port}`;
  const users = demoUsers(options.schoolPseudonymSecret);
  const loginThrottle = new LoginThrottle({ ...DEFAULT_LOGIN_THROTTLE, ...options.loginThrottle });
  const provider = createIdentityProvider(issuer, state, {
    serviceClientSecrets: options.serviceClientSecrets,
    portalOrigin: options.portalOrigin,
    users,
    loginThrottle,
  });
  const oidc = provider.callback();
  const interaction = interactionHandler(provider, users, state.demoPassword, loginThrottle);
  const limiter = perMinuteLimiter(options.tokenRequestsPerMinute ?? 60);
  handler = (req, res) => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (req.url === '/health') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    if (req.method === 'POST' && req.url?.startsWith('/token') && !limiter(req.socket.remoteAddress ?? '')) {
      return void res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '60' }).end('{"error":"too_many_requests"}');
    }
    if (req.url?.startsWith('/interaction/'))
      return void interaction(req, res).catch((error: Error) => res.headersSent || res.writeHead(500).end(error.message));
    return oidc(req, res);
  };
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Fixed one-minute windows per address: enough to stop password guessing on a development provider. */
function perMinuteLimiter(limit: number): (key: string) => boolean {
  let windowStart = Date.now();
  const counts = new Map<string, number>();
  return (key) => {
    if (Date.now() - windowStart >= 60_000) {
      windowStart = Date.now();
      counts.clear();
    }
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n <= limit;
  };
}
