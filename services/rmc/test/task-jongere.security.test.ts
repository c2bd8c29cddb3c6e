import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { Consumer } from 'kafkajs';
import { createEvent, overdrachtOffered, topicFor, uitschrijvingRegistered, type CloudEvent } from '@estafette/contracts';
import { createKafka, EventPublisher, topicName } from '@estafette/messaging';
import { startServiceUnderTest, TEST_ORGANISATION_DIRECTORY, type ServiceUnderTest, kafkaAccess } from '@estafette/testing';
import { createRmcApp } from '../src/create-rmc-app.js';
import { eventually, pseudonym, rmcSettings, uitschrijving } from './support.js';

/** A local HTTP server that records every request it gets and never answers. */
async function listeningServer(): Promise<{
  url: string;
  requests: { url: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}> {
  const requests: { url: string; headers: http.IncomingHttpHeaders }[] = [];
  const server = http.createServer((req) => void requests.push({ url: req.url ?? '', headers: req.headers }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// The happy path and the consent denial run against the real school and consent service in
// e2e/test/dossier-through-dataref.e2e.test.ts; here: where the RMC sends its requests, and with which token.
describe("rmc: content is fetched only from the school's configured origin, never with the consulent's token", () => {
  let rmc: ServiceUnderTest<INestApplication>;
  let publisher: EventPublisher;
  let deadLetters: Consumer;
  const dead: { reason: string; id: string }[] = [];
  let trap: Awaited<ReturnType<typeof listeningServer>>;
  let silentSchool: Awaited<ReturnType<typeof listeningServer>>;
  let goneSchool: string;
  let consulent: string;
  let serviceToken: string;

  beforeAll(async () => {
    trap = await listeningServer();
    silentSchool = await listeningServer();
    const closed = await listeningServer();
    goneSchool = closed.url;
    await closed.close();
    rmc = await startServiceUnderTest('rmcdataref', async (config) => {
      // brin:25XY is served by a school that never answers, brin:31QQ by one that is gone; the trap is nobody's origin.
      const organisationDirectory = { ...TEST_ORGANISATION_DIRECTORY, 'brin:25XY': silentSchool.url, 'brin:31QQ': goneSchool };
      return createRmcApp(
        { ...config, organisationDirectory },
        { ...rmcSettings(60 * 60_000), schoolFetchTimeoutMs: 300, serviceToken: async () => serviceToken },
        false,
      );
    });
    serviceToken = await rmc.issuer.issueToken({ role: 'service', organisationType: 'rmc', sub: 'estafette-rmc-service' });
    const kafka = createKafka({ ...kafkaAccess(), clientId: 'rmc-dataref-test' });
    publisher = new EventPublisher(kafka, rmc.config.topicPrefix);
    deadLetters = kafka.consumer({ groupId: `rmc-dataref-dlq-${randomUUID()}` });
    await deadLetters.connect();
    const dlqTopics = [uitschrijvingRegistered.type, overdrachtOffered.type].map(
      (type) => `${topicName(rmc.config.topicPrefix, topicFor(type).name)}.dlq`,
    );
    await deadLetters.subscribe({ topics: dlqTopics, fromBeginning: true });
    await deadLetters.run({
      eachMessage: async ({ message }) =>
        void dead.push({ reason: String(message.headers?.dlq_reason ?? ''), id: String(message.headers?.ce_id ?? '') }),
    });
    consulent = await rmc.issuer.issueToken({
      role: 'rmc-consulent',
      organisationType: 'rmc',
      organisationId: 'rmc:MC21',
      sub: 'consulent-a',
    });
  });

  afterAll(async () => {
    await deadLetters?.disconnect();
    await publisher?.disconnect();
    await rmc?.close();
    await Promise.all([trap?.close(), silentSchool?.close()]);
  });

  const get = (path: string) => fetch(`${rmc.url}${path}`, { headers: { authorization: `Bearer ${consulent}` } });
  async function tasks(): Promise<{ id: string; pseudonymousReference: string }[]> {
    return ((await (await get('/taken?pageSize=100')).json()) as { items: { id: string; pseudonymousReference: string }[] }).items;
  }
  async function taskFor(event: CloudEvent): Promise<string> {
    await publisher.publish(event);
    return (await eventually(async () => (await tasks()).find((t) => t.pseudonymousReference === event.subject))).id;
  }
  /** An uitschrijving of `school` whose dataref sits on `origin`, naming this uitschrijving. */
  function at(origin: string, school = 'brin:25XY'): CloudEvent {
    const event = uitschrijving(pseudonym());
    const data = { ...(event.data as Record<string, unknown>), school: { organisationType: 'school', id: school } };
    const id = (data as unknown as { uitschrijvingId: string }).uitschrijvingId;
    return createEvent(uitschrijvingRegistered, {
      source: event.source,
      subject: event.subject,
      dataref: `${origin}/uitschrijvingen/${id}`,
      data: data as never,
    });
  }

  test('a hostile dataref on the uitschrijving topic is dead-lettered with the reason, opens no task, and the trap gets no request', async () => {
    const hostile = { ...uitschrijving(pseudonym()), dataref: `${trap.url}/x` };
    const otherUitschrijving = { ...at(silentSchool.url), dataref: `${silentSchool.url}/uitschrijvingen/${randomUUID()}` };
    const trapShaped = at(trap.url);
    for (const event of [hostile, otherUitschrijving, trapShaped]) await publisher.publish(event);
    const reasons = await eventually(async () => {
      const found = [hostile, otherUitschrijving, trapShaped].map((e) => dead.find((d) => d.id === e.id)?.reason);
      return found.every(Boolean) ? found : undefined;
    }, 15_000);
    expect(reasons).toEqual([
      `dataref refused: ${trap.url} is not the configured origin of brin:25XY`,
      expect.stringMatching(/^dataref refused: it names another uitschrijving than /),
      `dataref refused: ${trap.url} is not the configured origin of brin:25XY`,
    ]);
    const subjects = new Set((await tasks()).map((t) => t.pseudonymousReference));
    expect([hostile, otherUitschrijving, trapShaped].filter((e) => subjects.has(e.subject))).toEqual([]);
    expect(trap.requests).toEqual([]);
  });

  // A safety net: the school refuses such a code at the door; an event from elsewhere (or a code CBS dropped later) still lands here.
  test('an uitschrijving from a municipality in no RMC region is dead-lettered at once with the reason: no retries holding up its partition', async () => {
    const event = at(silentSchool.url);
    const nowhere = createEvent(uitschrijvingRegistered, {
      source: event.source,
      subject: event.subject,
      dataref: event.dataref,
      data: { ...(event.data as Record<string, unknown>), municipalityOfResidence: 'GM9999' } as never,
    });
    await publisher.publish(nowhere);
    const reason = await eventually(async () => dead.find((d) => d.id === nowhere.id)?.reason, 15_000);
    const on = (nowhere.data as { dateOfDeregistration: string }).dateOfDeregistration;
    expect(reason).toBe(`no RMC region for municipality GM9999 on ${on}: add its merger to the CBS indeling, then replay`);
    expect((await tasks()).some((t) => t.pseudonymousReference === nowhere.subject)).toBe(false);
    const metrics = await (await fetch(`${rmc.url}/metrics`)).text();
    const retried = /estafette_event_retries_total\{type="[^"]*uitschrijving[^"]*"\} (\d+)/.exec(metrics);
    expect(Number(retried?.[1] ?? 0)).toBe(0);
  });

  test('a hostile dataref on an overdracht offered to the RMC is dead-lettered with the reason; the trap gets no request', async () => {
    const example = overdrachtOffered.example;
    const overdrachtId = randomUUID();
    const offer = createEvent(overdrachtOffered, {
      source: 'urn:nld:oin:00000001002564440000:estafette-werk-inkomen',
      subject: pseudonym(),
      dataref: `${trap.url}/overdrachten-uit/${overdrachtId}`,
      data: {
        ...example.data,
        overdrachtId,
        from: { organisationType: 'werk-inkomen', id: 'oin:00000001002564440000' },
        to: { organisationType: 'rmc', id: 'rmc:MC21' },
        purpose: 'terug-naar-rmc',
      } as never,
    });
    await publisher.publish(offer);
    const reason = await eventually(async () => dead.find((d) => d.id === offer.id)?.reason, 15_000);
    expect(reason).toBe(`dataref refused: ${trap.url} is not the configured origin of oin:00000001002564440000`);
    expect(trap.requests).toEqual([]);
  });

  test("the dossier is asked at the school's configured origin with the RMC's own token and the consulent as acting user; a silent school is a 504", async () => {
    const event = at(silentSchool.url);
    const id = await taskFor(event);
    const res = await get(`/taken/${id}/jongere`);
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ message: 'the school did not answer within 300 ms' });
    const uitschrijvingId = (event.data as { uitschrijvingId: string }).uitschrijvingId;
    expect(silentSchool.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      [`/uitschrijvingen/${uitschrijvingId}/dossier`, `Bearer ${serviceToken}`],
    ]);
    const acting = JSON.parse(Buffer.from(String(silentSchool.requests[0]!.headers['x-estafette-acting-user']), 'base64url').toString());
    expect(acting).toEqual({ sub: 'consulent-a', role: 'rmc-consulent', organisation_type: 'rmc', organisation_id: 'rmc:MC21' });
    expect(JSON.stringify(silentSchool.requests)).not.toContain(consulent);
  });

  test('a school that cannot be reached is a 502', async () => {
    const res = await get(`/taken/${await taskFor(at(goneSchool, 'brin:31QQ'))}/jongere`);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ message: 'the school could not be reached' });
  });
});
