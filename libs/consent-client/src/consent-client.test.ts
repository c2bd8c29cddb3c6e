import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsentClient } from './consent-client.js';
import type { SharingQuestion } from './decision.js';

// A real HTTP server playing a consent service that misbehaves on purpose; the happy path against the
// real service is tested in services/consent.
const permit = {
  permit: true,
  levelAllowed: 'inhoud',
  decidedBy: { kind: 'toestemming', toestemmingId: 't1', grondslag: 'toestemming' },
  reason: 'toestemming',
  decisionId: 7,
};
const question: SharingQuestion = {
  from: { organisationType: 'rmc', id: 'rmc:MC21' },
  to: { organisationType: 'werk-inkomen', id: 'oin:00000001002564440000' },
  subject: 'pr_7K3M9QXW2D4F6H8J0N5P1R3T5V',
  dataCategories: ['contactgegevens'],
  purpose: 'warme-overdracht',
};

describe('ConsentClient fails closed', () => {
  let server: http.Server;
  let base: string;
  const seen: { path?: string; auth?: string; body?: unknown }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        seen.push({ path: req.url, auth: req.headers.authorization, body: JSON.parse(raw) });
        const mode = (JSON.parse(raw) as { purpose: string }).purpose;
        if (mode === 'slow') return void setTimeout(() => res.end(JSON.stringify(permit)), 3_000);
        if (mode === 'error') return void res.writeHead(500).end('{}');
        if (mode === 'garbage') return void res.writeHead(200).end('<html>');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(permit));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  // Generous by default so a busy machine does not turn the happy path into a timeout.
  const client = (url = base, errors: Error[] = [], timeoutMs = 5_000) =>
    new ConsentClient({ baseUrl: url, accessToken: async () => 'tok', timeoutMs, onError: (e) => errors.push(e) });

  test('passes the question with the token and returns the answer', async () => {
    expect(await client().decide(question)).toEqual(permit);
    expect(seen.at(-1)).toEqual({ path: '/decisions', auth: 'Bearer tok', body: { level: 'inhoud', ...question } });
  });

  test.each([
    ['slow', /timeout|abort/i],
    ['error', /answered 500/],
    ['garbage', /JSON|unreadable/i],
  ])('a %s answer is a deny', async (purpose, why) => {
    const errors: Error[] = [];
    const started = Date.now();
    const decision = await client(base, errors, 300).decide({ ...question, purpose: purpose as string });
    expect(decision).toMatchObject({ permit: false, levelAllowed: null, reason: 'consent-service-unavailable' });
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(errors.map((e) => `${e.name} ${e.message}`)).toEqual([expect.stringMatching(why as RegExp)]);
  });

  test('an unreachable service is a deny', async () => {
    expect(await client('http://127.0.0.1:1').decide(question)).toMatchObject({ permit: false });
  });
});
