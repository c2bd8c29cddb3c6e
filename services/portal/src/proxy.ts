import type { IncomingHttpHeaders } from 'node:http';
import httpProxy from '@fastify/http-proxy';
import type { FastifyInstance } from 'fastify';
import { PROXIED_SERVICES, type PortalConfig, type ProxiedService } from './portal-config.js';

/** Hop-by-hop headers (RFC 9110 7.6.1) and the browser's cookies stay on this side of the proxy. */
const DROP_REQUEST = [
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'cookie',
  'origin',
  'referer',
  // Only a service names an acting user (with its own token); a browser never may, so it never passes.
  'x-estafette-acting-user',
];
const DROP_RESPONSE = [
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'set-cookie',
  'access-control-allow-origin',
  'access-control-allow-credentials',
];

const without = <T extends Record<string, unknown>>(headers: T, names: string[]): T => {
  const copy = { ...headers };
  for (const name of names) delete copy[name];
  return copy;
};

/**
 * /api/<service>/<path> -> <service target>/<path>, streamed both ways (@fastify/http-proxy over undici).
 * One route prefix per known service, so nothing else is ever proxied; the library keeps the path on the
 * target and refuses `..` segments; repeated slashes are folded, so `/api/rmc//other-host/x` goes to the
 * rmc as `/other-host/x`, never to other-host. The browser's bearer token goes along unchanged: the services check it, the portal trusts
 * nothing and holds nothing. An unreachable service answers 502, a slow one 504 after `proxyTimeoutMs`
 * without a header or between two body chunks; both with a JSON message naming the service.
 */
export async function registerServiceProxies(app: FastifyInstance, config: PortalConfig): Promise<void> {
  for (const service of Object.keys(PROXIED_SERVICES) as ProxiedService[]) {
    await app.register(httpProxy, {
      upstream: config.targets[service],
      prefix: `/api/${service}`,
      // '/api/rmc//other-host/x' reaches the rmc as '/other-host/x' (the library would refuse a leading '//' with 400).
      preRewrite: (url: string) => url.replace(/^[^?]*/, (pathname) => pathname.replace(/\/{2,}/g, '/')),
      undici: { headersTimeout: config.proxyTimeoutMs, bodyTimeout: config.proxyTimeoutMs },
      replyOptions: {
        rewriteRequestHeaders: (request, headers: IncomingHttpHeaders) => ({
          ...without(headers, DROP_REQUEST),
          'x-forwarded-for': request.socket.remoteAddress ?? '',
        }),
        rewriteHeaders: (headers: IncomingHttpHeaders) => without(headers, DROP_RESPONSE),
        onError: (reply, { error }) => {
          const timedOut = (error as { statusCode?: number }).statusCode === 504;
          void reply
            .code(timedOut ? 504 : 502)
            .type('application/json')
            .send({ statusCode: timedOut ? 504 : 502, message: `${service} ${timedOut ? 'did not answer in time' : 'is not reachable'}` });
        },
      },
    });
  }
}
