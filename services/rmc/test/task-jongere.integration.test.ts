import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { createKafka, EventPublisher } from '@estafette/messaging';
import { kafkaBrokers, startServiceUnderTest, type ServiceUnderTest } from '@estafette/testing';
import { createRmcApp } from '../src/create-rmc-app.js';
import { eventually, pseudonym, rmcSettings, uitschrijving } from './support.js';

// The happy path and the consent denial run against the real school and consent service in
// e2e/test/dossier-through-dataref.e2e.test.ts; here: a school that is slow or gone, seen by the consulent.
describe('rmc: GET /taken/:id/jongere when the school does not answer', () => {
  let rmc: ServiceUnderTest<INestApplication>;
  let school: EventPublisher;
  let silentSchool: http.Server;
  let silentUrl: string;
  let consulent: string;
  const asked: string[] = [];

  beforeAll(async () => {
    // Accepts the request, remembers what it was asked with, and never answers.
    silentSchool = http.createServer((req) => void asked.push(`${req.url} ${req.headers.authorization}`));
    await new Promise<void>((resolve) => silentSchool.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silentSchool.address() as AddressInfo).port}`;
    rmc = await startServiceUnderTest('rmcjongere', (config) => createRmcApp(config, { ...rmcSettings(60 * 60_000), schoolFetchTimeoutMs: 300 }, false));
    school = new EventPublisher(createKafka({ brokers: kafkaBrokers(), clientId: 'rmc-jongere-test' }), rmc.config.topicPrefix);
    consulent = await rmc.issuer.issueToken({ role: 'rmc-consulent', organisationType: 'rmc', organisationId: 'rmc:RMC23', sub: 'consulent-a' });
  });

  afterAll(async () => {
    await school?.disconnect();
    await rmc?.close();
    silentSchool?.closeAllConnections();
    await new Promise<void>((resolve) => silentSchool.close(() => resolve()));
  });

  async function taskWithDataref(dataref: string): Promise<string> {
    const subject = pseudonym();
    await school.publish({ ...uitschrijving(subject, { municipality: 'GM0363', age: 17 }), dataref });
    const task = await eventually(async () => {
      const list = (await (await fetch(`${rmc.url}/taken?pageSize=100`, { headers: { authorization: `Bearer ${consulent}` } })).json()) as { items: { id: string; pseudonymousReference: string }[] };
      return list.items.find((t) => t.pseudonymousReference === subject);
    });
    return task.id;
  }
  const jongere = (id: string) => fetch(`${rmc.url}/taken/${id}/jongere`, { headers: { authorization: `Bearer ${consulent}` } });

  test("a school that does not answer is a 504 naming the wait; the consulent's own token was sent to the dossier", async () => {
    const id = await taskWithDataref(`${silentUrl}/uitschrijvingen/5b0e6f2a-6d0c-4a53-9a55-0d1d6f0c7e11`);
    const res = await jongere(id);
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ message: 'the school did not answer within 300 ms' });
    expect(asked).toEqual([`/uitschrijvingen/5b0e6f2a-6d0c-4a53-9a55-0d1d6f0c7e11/dossier Bearer ${consulent}`]);
  });

  test('a school that cannot be reached is a 502', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const gone = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const res = await jongere(await taskWithDataref(`${gone}/uitschrijvingen/7d3c1b7e-0a8e-4d7b-8f55-3b1f5f3c9a20`));
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ message: 'the school could not be reached' });
  });
});
