import http from 'node:http';
import type { PortalConfig, ProxiedService } from './portal-config.js';

/** Hop-by-hop headers (RFC 9110 7.6.1) and the browser's cookies stay on this side of the proxy. */
const DROP_REQUEST = new Set(['host', 'connection', 'keep-alive', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'cookie', 'origin', 'referer']);
const DROP_RESPONSE = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'set-cookie', 'access-control-allow-origin', 'access-control-allow-credentials']);

/**
 * /api/<service>/<path> -> <service target>/<path>, streamed both ways. The browser's bearer token goes
 * along unchanged: the services check it, the portal trusts nothing and holds nothing.
 */
export function proxyRequest(config: PortalConfig, service: ProxiedService, rest: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  // Always a path on the service itself: resolved against the target, '//other-host/x' would leave it (an open proxy).
  const base = new URL(config.targets[service]);
  const target = new URL(`${base.origin}${base.pathname.replace(/\/$/, '')}/${rest.replace(/^\/+/, '')}`);
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) if (!DROP_REQUEST.has(name) && value !== undefined) headers[name] = value;
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  const upstream = http.request(target, { method: req.method, headers, timeout: config.proxyTimeoutMs }, (answer) => {
    const out: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(answer.headers)) if (!DROP_RESPONSE.has(name) && value !== undefined) out[name] = value;
    res.writeHead(answer.statusCode ?? 502, out);
    answer.pipe(res);
  });
  upstream.on('timeout', () => upstream.destroy(new Error('timeout')));
  upstream.on('error', (error) => {
    if (res.headersSent) return void res.destroy();
    const timedOut = error.message === 'timeout';
    res.writeHead(timedOut ? 504 : 502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ statusCode: timedOut ? 504 : 502, message: `${service} ${timedOut ? 'did not answer in time' : 'is not reachable'}` }));
  });
  req.pipe(upstream);
}
