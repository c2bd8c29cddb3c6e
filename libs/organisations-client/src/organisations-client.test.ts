import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OrganisationsClient, OrganisationsUnavailableError } from './organisations-client.js';

// A real HTTP server playing the directory, misbehaving on purpose; the real directory is tested in services/organisations.
const KNOWN: Record<string, object> = {
  'brin:25XY': { id: 'brin:25XY', kind: 'school', code: '25XY', name: 'Demo College', active: true, source: 'registered' },
  'agb:12345678': { id: 'agb:12345678', kind: 'zorg', code: '12345678', name: 'Demo Zorg', active: true, source: 'registered' },
};

describe('OrganisationsClient: cached lookups, and a clear error when the directory cannot be asked', () => {
  let server: http.Server;
  let base: string;
  let mode: 'ok' | 'error' | 'garbage' | 'slow' = 'ok';
  const requests: { ids: string[]; auth?: string }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      const ids = (url.searchParams.get('ids') ?? '').split(',');
      requests.push({ ids, auth: req.headers.authorization });
      if (mode === 'slow') return void setTimeout(() => res.end('{}'), 1_500).unref();
      if (mode === 'error') return void res.writeHead(500).end('{}');
      if (mode === 'garbage') return void res.writeHead(200).end(JSON.stringify({ items: [{ id: 1 }] }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: ids.flatMap((id) => KNOWN[id] ?? []) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('asks once for many ids with its own token, then answers from its cache, known and unknown alike', async () => {
    mode = 'ok';
    const client = new OrganisationsClient({ baseUrl: base, accessToken: () => 'service-token' });
    const before = requests.length;
    const first = await client.lookup(['brin:25XY', 'agb:12345678', 'brin:99ZZ', 'brin:25XY']);
    expect(first.get('brin:25XY')).toMatchObject({ kind: 'school', name: 'Demo College' });
    expect(first.has('brin:99ZZ')).toBe(false);
    expect(requests.slice(before)).toEqual([{ ids: ['brin:25XY', 'agb:12345678', 'brin:99ZZ'], auth: 'Bearer service-token' }]);
    await client.lookup(['agb:12345678', 'brin:99ZZ']);
    expect(requests.length).toBe(before + 1);
  });

  test('an unknown id is asked again once its shorter cache lapsed (a newly registered organisation is found)', async () => {
    mode = 'ok';
    const client = new OrganisationsClient({ baseUrl: base, accessToken: () => 't', unknownCacheMs: 1 });
    await client.lookup(['brin:99ZZ']);
    await new Promise((r) => setTimeout(r, 5));
    const before = requests.length;
    await client.lookup(['brin:99ZZ']);
    expect(requests.length).toBe(before + 1);
  });

  test('more ids than one request takes go in batches of 100', async () => {
    mode = 'ok';
    const client = new OrganisationsClient({ baseUrl: base, accessToken: () => 't' });
    const before = requests.length;
    await client.lookup(Array.from({ length: 250 }, (_, i) => `agb:${String(i).padStart(8, '0')}`));
    expect(requests.slice(before).map((r) => r.ids.length)).toEqual([100, 100, 50]);
  });

  test.each([
    ['answers 500', 'error', /answered 500/],
    ['answers something unreadable', 'garbage', /cannot be read/],
    ['does not answer in time', 'slow', /cannot be asked/],
  ] as const)('a directory that %s gives OrganisationsUnavailableError, and names() gives no names', async (_label, m, message) => {
    mode = m;
    const client = new OrganisationsClient({ baseUrl: base, accessToken: () => 't', timeoutMs: 300 });
    await expect(client.lookup(['brin:25XY'])).rejects.toThrow(OrganisationsUnavailableError);
    await expect(client.lookup(['brin:25XY'])).rejects.toThrow(message);
    expect(await client.names(['brin:25XY'])).toEqual({});
  });

  test('a refused connection, no configuration or no credentials are unavailable too, each saying why', async () => {
    await expect(new OrganisationsClient({ baseUrl: 'http://127.0.0.1:1', accessToken: () => 't' }).lookup(['brin:25XY'])).rejects.toThrow(
      OrganisationsUnavailableError,
    );
    await expect(new OrganisationsClient().lookup(['brin:25XY'])).rejects.toThrow('no organisation directory configured');
    await expect(new OrganisationsClient({ baseUrl: base }).lookup(['brin:25XY'])).rejects.toThrow('no client credentials');
  });

  test('names() gives the names of the known ids, skipping empty ones, without asking for nothing', async () => {
    mode = 'ok';
    const client = new OrganisationsClient({ baseUrl: base, accessToken: () => 't' });
    expect(await client.names(['brin:25XY', null, undefined, 'brin:99ZZ'])).toEqual({ 'brin:25XY': 'Demo College' });
    const before = requests.length;
    expect(await client.names([])).toEqual({});
    expect(requests.length).toBe(before);
  });
});
