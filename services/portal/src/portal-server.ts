import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { browserConfig, PROXIED_SERVICES, type PortalConfig, type ProxiedService } from './portal-config.js';
import { proxyRequest } from './proxy.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2', '.map': 'application/json',
};

export interface PortalServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The portal: the built SPA, /config.json, /health and /api/<service>/... to the services, so the
 * browser only ever talks to its own origin (no CORS, one CSP).
 */
export async function startPortalServer(config: PortalConfig): Promise<PortalServer> {
  const issuerOrigin = new URL(config.issuer).origin;
  const securityHeaders = {
    'content-security-policy': `default-src 'self'; connect-src 'self' ${issuerOrigin}; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self' ${issuerOrigin}`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { ...securityHeaders, 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://portal');
    if (url.pathname === '/health') return json(res, 200, { status: 'ok' });
    if (url.pathname === '/config.json') return json(res, 200, browserConfig(config));
    const api = /^\/api\/([a-z-]+)(\/.*)?$/.exec(url.pathname);
    if (api) {
      const service = api[1] as ProxiedService;
      if (!(service in PROXIED_SERVICES)) return json(res, 404, { statusCode: 404, message: `no service ${service}` });
      return proxyRequest(config, service, `${api[2] ?? '/'}${url.search}`, req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { statusCode: 405, message: 'Method Not Allowed' });
    serveStatic(config.webRoot, url.pathname, res, securityHeaders);
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A file of the build, or index.html for a client-side route (no extension): the SPA routes itself. */
function serveStatic(root: string, pathname: string, res: http.ServerResponse, headers: Record<string, string>): void {
  const file = path.join(root, path.normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, ''));
  const inside = file.startsWith(root + path.sep);
  const found = inside && existsSync(file) && statSync(file).isFile() ? file : undefined;
  if (!found && path.extname(pathname)) return void res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('Not Found');
  const chosen = found ?? path.join(root, 'index.html');
  if (!existsSync(chosen)) return void res.writeHead(503, { ...headers, 'content-type': 'text/plain' }).end('portal not built: run npm run build');
  // Vite puts a content hash in every asset name: those may be cached for good, index.html never.
  const cache = chosen.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-store';
  res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(chosen)] ?? 'application/octet-stream', 'cache-control': cache });
  createReadStream(chosen).pipe(res);
}
