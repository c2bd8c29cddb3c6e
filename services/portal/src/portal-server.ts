import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyReply } from 'fastify';
import { hostilePath } from './hostile-path.js';
import { browserConfig, type PortalConfig } from './portal-config.js';
import { registerServiceProxies } from './proxy.js';

export interface PortalServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The portal (fastify): the built SPA, /config.json, /health and /api/<service>/... to the services, so
 * the browser only ever talks to its own origin (no CORS, one CSP). Whatever a client sends, it answers
 * (4xx for what it refuses, as JSON `{ statusCode, message }`) and keeps serving.
 */
export async function startPortalServer(config: PortalConfig): Promise<PortalServer> {
  const issuerOrigin = new URL(config.issuer).origin;
  const securityHeaders = {
    'content-security-policy': `default-src 'self'; connect-src 'self' ${issuerOrigin}; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self' ${issuerOrigin}`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
  const json = (reply: FastifyReply, status: number, body: unknown) =>
    reply.code(status).type('application/json').header('cache-control', 'no-store').send(body);
  const index = path.join(config.webRoot, 'index.html');

  const app = Fastify({ logger: false, return503OnClosing: true });
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(securityHeaders);
    const reason = hostilePath(request.url.split('?')[0]!);
    if (reason) return json(reply, 400, { statusCode: 400, message: reason });
  });
  app.get('/health', (_request, reply) => json(reply, 200, { status: 'ok' }));
  app.get('/config.json', (_request, reply) => json(reply, 200, browserConfig(config)));
  await registerServiceProxies(app, config);
  await app.register(fastifyStatic, {
    root: config.webRoot,
    cacheControl: false,
    // Vite puts a content hash in every asset name: those may be cached for good, index.html never.
    setHeaders: (res, file) =>
      res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-store'),
  });
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0]!;
    if (pathname.startsWith('/api/')) return json(reply, 404, { statusCode: 404, message: `no service ${pathname.split('/')[2]}` });
    if (request.method !== 'GET' && request.method !== 'HEAD') return json(reply, 405, { statusCode: 405, message: 'Method Not Allowed' });
    // A client-side route (no extension) gets index.html: the SPA routes itself. A missing file is a 404.
    if (path.extname(pathname)) return reply.code(404).type('text/plain').send('Not Found');
    if (!existsSync(index)) return reply.code(503).type('text/plain').send('portal not built: run npm run build');
    return reply.header('cache-control', 'no-store').sendFile('index.html');
  });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    return json(reply, status, { statusCode: status, message: status < 500 ? error.message : 'Internal Server Error' });
  });

  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as { port: number };
  return {
    url: `http://${config.host}:${port}`,
    close: async () => {
      app.server.closeAllConnections();
      await app.close();
    },
  };
}
