import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { hostilePath } from '../src/hostile-path.js';
import { portalConfigFromEnv } from '../src/portal-config.js';
import { startPortalServer, type PortalServer } from '../src/portal-server.js';

/**
 * Sends bytes exactly as given (fetch and http.get would normalise `%2e%2e` and `..` away) and reads the
 * answer until the portal closes the connection (every request here says `Connection: close` or is refused).
 */
function raw(url: string, request: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      if (!status) return reject(new Error(`no HTTP answer: ${JSON.stringify(answer.slice(0, 80))}`));
      resolve({ status: Number(status), body: answer.slice(answer.indexOf('\r\n\r\n') + 4) });
    });
  });
}
const get = (target: string) => `GET ${target} HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n`;

// What an attacker sends to the portal: every hostile request gets a 4xx, the stand-in service behind the proxy
// never sees it, and the portal still answers /health afterwards.
describe('portal security: no request stops the portal or leaves the services it proxies', () => {
  const webRoot = mkdtempSync(path.join(tmpdir(), 'portal-web-'));
  const secret = mkdtempSync(path.join(tmpdir(), 'portal-secret-'));
  const reached: string[] = [];
  let echo: http.Server;
  let silent: http.Server;
  let portal: PortalServer;

  beforeAll(async () => {
    mkdirSync(path.join(webRoot, 'assets'));
    writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>spa</title>');
    writeFileSync(path.join(secret, 'passwd'), 'root:x:0:0');
    echo = http.createServer((req, res) => {
      reached.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: req.url }));
    });
    // Takes every request and never answers: the proxy must give up with a 504.
    silent = http.createServer(() => {});
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const at = (server: http.Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    portal = await startPortalServer({
      ...portalConfigFromEnv(
        { RMC_URL: at(echo), MONITOR_URL: at(silent), ZORG_URL: 'http://127.0.0.1:1', PORTAL_PROXY_TIMEOUT_MS: '300' },
        webRoot,
      ),
      port: 0,
    });
  });

  afterAll(async () => {
    await portal?.close();
    silent?.closeAllConnections();
    await Promise.all([echo, silent].map((s) => new Promise((r) => s.close(r))));
    rmSync(webRoot, { recursive: true, force: true });
    rmSync(secret, { recursive: true, force: true });
  });

  const secretDir = () => path.relative(webRoot, secret).split(path.sep).join('/');
  const hostile: [string, () => string, number[]][] = [
    ['malformed percent-encoding', () => get('/%'), [400]],
    ['malformed percent-encoding in a route', () => get('/rmc/taken/%zz'), [400]],
    ['malformed percent-encoding on the proxy', () => get('/api/rmc/taken/%E0%A4%A'), [400]],
    ['an inherited property as service name', () => get('/api/constructor/x'), [404]],
    ['__proto__ as service name', () => get('/api/__proto__/x'), [404]],
    ['hasOwnProperty as service name', () => get('/api/hasOwnProperty'), [404]],
    ['an unknown service', () => get('/api/identity/token'), [404]],
    ['raw dot segments', () => get(`/../${secretDir()}/passwd`), [400]],
    ['encoded slashes around dots', () => get(`/..%2f..%2f..%2fetc%2fpasswd`), [400]],
    ['encoded dots', () => get(`/%2e%2e/%2e%2e/${secretDir()}/passwd`), [400]],
    ['mixed-case encoded dots', () => get('/assets/%2E%2e/%2e%2E/etc/passwd'), [400]],
    ['encoded backslashes', () => get('/assets/..%5c..%5cetc%5cpasswd'), [400]],
    ['raw backslashes', () => get('/assets/..\\..\\etc\\passwd'), [400]],
    ['a NUL byte', () => get('/index.html%00.js'), [400]],
    ['dot segments behind the proxy', () => get('/api/rmc/taken/%2e%2e/%2e%2e/health'), [400]],
    ['encoded dot-dot-slash behind the proxy', () => get('/api/rmc/..%2f..%2fhealth'), [400]],
    ['a single dot segment', () => get('/api/rmc/./taken'), [400]],
    ['an absolute-form target naming another host', () => get('http://evil.test/api/rmc/taken'), [400, 404]],
    ['a broken request line', () => 'GET /a b HTTP/1.1\r\nHost: p\r\n\r\n', [400]],
    [
      'Content-Length with Transfer-Encoding (smuggling)',
      () => 'POST /api/rmc/taken HTTP/1.1\r\nHost: p\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      [400],
    ],
    ['a NUL in a header', () => 'GET /health HTTP/1.1\r\nHost: p\r\nX-A: a\0b\r\n\r\n', [400]],
    ['a 100 kB header', () => `GET /health HTTP/1.1\r\nHost: p\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`, [431]],
    ['an unknown method', () => 'BREW /health HTTP/1.1\r\nHost: p\r\nConnection: close\r\n\r\n', [400, 404, 405]],
  ];

  test.each(hostile)('%s: 4xx, nothing reaches the service, and the portal keeps serving', async (_name, request, statuses) => {
    reached.length = 0;
    expect(statuses).toContain((await raw(portal.url, request())).status);
    expect(reached).toEqual([]);
    const health = await fetch(`${portal.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  test('refusals say why, as JSON', async () => {
    const answer = await raw(portal.url, get('/api/rmc/%2e%2e/secret'));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body.trim())).toEqual({ statusCode: 400, message: 'dot segment in the path' });
    expect(await (await fetch(`${portal.url}/api/constructor/x`)).json()).toEqual({ statusCode: 404, message: 'no service constructor' });
  });

  test('a service that never answers gives 504 with a message; the portal keeps serving', async () => {
    const res = await fetch(`${portal.url}/api/monitor/flows`);
    expect(res.status).toBe(504);
    expect(await res.json()).toEqual({ statusCode: 504, message: 'monitor did not answer in time' });
    expect((await fetch(`${portal.url}/health`)).status).toBe(200);
  });

  test('ordinary requests still pass: a proxied call, a client-side route', async () => {
    expect(await (await fetch(`${portal.url}/api/rmc/taken?x=%2e%2e`)).json()).toEqual({ url: '/taken?x=%2e%2e' });
    expect((await fetch(`${portal.url}/rmc/taken/a%20b`)).status).toBe(200);
  });
});

describe('hostilePath: why a path is refused before routing', () => {
  test.each([
    ['/%', 'malformed percent-encoding'],
    ['/a/%c3%28', 'malformed percent-encoding'],
    ['/a%00', 'NUL byte in the path'],
    ['/a%5Cb', 'backslash in the path'],
    ['/a\\b', 'backslash in the path'],
    ['/a/../b', 'dot segment in the path'],
    ['/a/%2E%2E/b', 'dot segment in the path'],
    ['/a/..%2Fb', 'dot segment in the path'],
    ['/a/./b', 'dot segment in the path'],
  ])('%s: %s', (pathname, reason) => expect(hostilePath(pathname)).toBe(reason));

  test.each(['/', '/rmc/taken/42', '/assets/app-abc.js', '/a/...b/c', '/api/rmc/taken%20x', '/a..b/.c'])('%s passes', (pathname) =>
    expect(hostilePath(pathname)).toBeUndefined(),
  );
});
