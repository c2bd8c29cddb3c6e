import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  createEvent,
  toestemmingWithdrawn,
  overdrachtAccepted,
  overdrachtOffered,
  overdrachtWithdrawn,
  plaatsingPlaced,
  uitvalNaPlaatsingRegistered,
  type CloudEvent,
} from '@estafette/contracts';
import { createKafka, EventPublisher, fromKafkaMessage, topicName } from '@estafette/messaging';
import {
  createTestDatabase,
  eventually,
  provisionTestTopics,
  pseudonym,
  sql,
  startTestIssuer,
  uniqueTopicPrefix,
  type TestDatabase,
  type TestIssuer,
  kafkaAccess,
  serviceKafka,
} from '@estafette/testing';
import type { Consumer } from 'kafkajs';
import type { ServiceConfig } from '@estafette/service-kit';
import { FireDueChecks } from '../src/receiving/application/fire-due-checks.js';
import { addDays, today as amsterdamToday } from '@estafette/calendar';

// Response bodies are read loosely: the assertions below say what they must contain.
export type Json = Record<string, any>;
type Org = { organisationType: 'werk-inkomen' | 'zorg'; id: string };

export interface ReceiverUnderTest {
  /** e.g. 'Werk & Inkomen' */
  label: string;
  databaseName: string;
  us: Org;
  /** Another organisation of the same kind: sees none of ours. */
  sameKindOther: string;
  /** An organisation of the other receiving kind: its offers pass by here. */
  otherKind: Org;
  role: 'wi-consulent' | 'zorg-consulent';
  createApp: (config: ServiceConfig, settings: { timerIntervalMs: number; publicUrl: string }) => Promise<INestApplication>;
  /** Where a young person of this age returns to after uitval: the service's own rule. */
  returnsTo: (age: number) => { organisationType: string; id: string };
  /**
   * Starts the real organisation directory on the suite's issuer (services/organisations/test/support; a library's
   * test does not import a service, so the service's test hands it over).
   */
  startOrganisations: (issuer: TestIssuer) => Promise<{ access(kind: string): ServiceConfig['organisations']; close(): Promise<void> }>;
}

/** What an offer may carry beyond the defaults: the date the young person turns 23. */
export interface OfferExtras {
  turns23On?: string;
  /** An offer resting on a toestemming (the warm handover with consent). */
  legalBasis?: 'toestemming';
  toestemmingId?: string;
  /** Another young person than a fresh one: several referrals about the same person. */
  subject?: string;
}

export interface ReceiverContext {
  /** Publishes on the suite's bus as another service would. */
  readonly bus: EventPublisher;
  readonly app: INestApplication;
  readonly db: TestDatabase;
  /** The suite's topic prefix, issuer and organisation directory: another service under test joins the same bus. */
  readonly prefix: string;
  readonly issuer: TestIssuer;
  organisationsAccess(kind: string): ServiceConfig['organisations'];
  readonly seen: CloudEvent[];
  readonly today: string;
  readonly rmc: { organisationType: 'rmc'; id: string };
  call(who: 'consulent' | 'sameKindOther', method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  referral(ageAtOffer: number, to?: Org, extras?: OfferExtras): Promise<{ overdrachtId: string; subject: string; offer: CloudEvent }>;
  inInbox(overdrachtId: string): Promise<Json>;
  accepted(ageAtOffer: number, extras?: OfferExtras): Promise<string>;
  /** Places an accepted referral today and reports its uitval on `dropoutDate`: the answer and the event on the bus. */
  droppedOut(overdrachtId: string, dropoutDate: string): Promise<{ plaatsingId: string; answer: Json; event: CloudEvent }>;
}

/**
 * The shared receiving side (libs/receiver), tested once and run for every service that assembles it
 * (werk-inkomen, zorg) against a real broker and database. `specifics` adds the service's own tests on the
 * same running service (zoekperiode at W&I, no zoekperiode at zorg).
 */
export function describeReceiver(service: ReceiverUnderTest, specifics: (ctx: ReceiverContext) => void = () => undefined): void {
  describe(`${service.label} as receiver (shared receiving side), against a real broker and database`, () => {
    const ctx = useReceiver(service);
    const { seen, today, rmc } = ctx;

    test('the inbox files offers to this organisation once, scoped per organisation; offers to the other kind pass by', async () => {
      const mine = await ctx.referral(19);
      const forOther = await ctx.referral(19, service.otherKind);
      await ctx.inInbox(mine.overdrachtId);
      await eventually(async () =>
        (await sql<{ n: number }>(ctx.db.url, 'SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [forOther.offer.id]))[0]!.n === 1
          ? true
          : undefined,
      );
      const rows = await sql<{ n: number }>(ctx.db.url, 'SELECT count(*)::int AS n FROM verwijzing WHERE overdracht_id = ANY($1)', [
        [mine.overdrachtId, forOther.overdrachtId],
      ]);
      expect(rows[0]!.n).toBe(1);
      expect((await ctx.call('sameKindOther', 'GET', `/verwijzingen/${mine.overdrachtId}`)).status).toBe(404);
      expect(
        (await ctx.call('sameKindOther', 'POST', `/verwijzingen/${mine.overdrachtId}/acceptatie`, { contactPerson: 'x' })).status,
      ).toBe(404);
    });

    test('the inbox and a referral name the sender next to its id, from the organisation directory', async () => {
      const { overdrachtId } = await ctx.referral(19);
      expect(await ctx.inInbox(overdrachtId)).toMatchObject({ fromId: rmc.id, fromName: 'Utrecht' });
      expect((await ctx.call('consulent', 'GET', `/verwijzingen/${overdrachtId}`)).body).toMatchObject({ fromName: 'Utrecht' });
    });

    test("every id route with another organisation's id answers as for an id that does not exist, and changes nothing", async () => {
      // A referral of ours at every stage a route needs: accepted, placed, and handed on (an offer we send).
      const overdrachtId = await ctx.accepted(19);
      const placed = await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/plaatsing`, {
        placementType: 'dagbesteding',
        startDate: today,
      });
      expect(placed.status).toBe(201);
      const handedOn = await ctx.call('consulent', 'POST', `/verwijzingen/${await ctx.accepted(19)}/overdrachten`, {
        to: rmc,
        purpose: 'terug-naar-rmc',
        reason: 'anders',
        contactPerson: 'A. Bakker',
      });
      expect(handedOn.status).toBe(201);
      const ours: Record<string, string> = {
        verwijzingen: overdrachtId,
        plaatsingen: placed.body.id,
        'overdrachten-uit': handedOn.body.id,
      };
      // Valid bodies, so a refusal is about the id (the tenant), not about the body.
      const bodies: Record<string, unknown> = {
        acceptatie: { contactPerson: 'x' },
        afwijzing: { reason: 'geen-capaciteit' },
        'eerste-contact': { held: true, date: today },
        plaatsing: { placementType: 'dagbesteding', startDate: today },
        overdrachten: { to: rmc, purpose: 'terug-naar-rmc', reason: 'anders', contactPerson: 'x' },
        intrekking: { reason: 'anders' },
        'follow-up-checks': { checkType: 'na-2-maanden', outcome: 'nog-geplaatst' },
        uitval: { dropoutDate: today, reason: 'anders' },
        zoekperiode: { appliedOn: today },
        zorginformatie: { kind: 'wijkteam', summary: 'x' },
      };
      const snapshot = async () => ({
        verwijzingen: await sql(ctx.db.url, 'SELECT overdracht_id, status FROM verwijzing ORDER BY overdracht_id'),
        plaatsingen: await sql(ctx.db.url, 'SELECT count(*)::int AS n FROM plaatsing'),
        offers: await sql(ctx.db.url, 'SELECT id, status FROM uitgaande_overdracht ORDER BY id'),
        outbox: await sql(ctx.db.url, 'SELECT count(*)::int AS n FROM outbox'),
      });
      const before = await snapshot();
      const document = (await (await fetch(`${await ctx.app.getUrl()}/openapi.json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const tried: string[] = [];
      for (const [route, methods] of Object.entries(document.paths).filter(([r]) => r.includes('{id}'))) {
        const id = ours[route.split('/')[1]!];
        if (!id) throw new Error(`no id of ours for ${route}: add one to the walk`);
        for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
          const body = method === 'GET' ? undefined : (bodies[route.split('/').pop()!] ?? {});
          const theirs = await ctx.call('sameKindOther', method, route.replace('{id}', id), body);
          const unknown = await ctx.call('sameKindOther', method, route.replace('{id}', randomUUID()), body);
          if (method === 'GET' && route === '/verwijzingen/{id}/zorginformatie') {
            // Open to other organisations by design (zorg): the consent service decides and the read is logged; the refusal
            // names the reason and carries no content (it tells only that this unguessable id exists).
            expect({ route, status: theirs.status, reason: typeof theirs.body.reason }).toEqual({ route, status: 403, reason: 'string' });
          } else {
            expect({ route: `${method} ${route}`, status: theirs.status }).toEqual({ route: `${method} ${route}`, status: unknown.status });
          }
          expect(theirs.status).toBeGreaterThanOrEqual(400);
          expect(JSON.stringify(theirs.body)).not.toContain(service.us.id);
          tried.push(`${method} ${route}`);
        }
      }
      expect(tried).toEqual(
        expect.arrayContaining([
          'GET /verwijzingen/{id}',
          'POST /verwijzingen/{id}/acceptatie',
          'POST /verwijzingen/{id}/plaatsing',
          'GET /plaatsingen/{id}',
          'POST /plaatsingen/{id}/uitval',
          'GET /overdrachten-uit/{id}',
          'POST /overdrachten-uit/{id}/intrekking',
        ]),
      );
      expect(await snapshot()).toEqual(before);
      // The routes exist for their owner: the refusals above are about the tenant.
      expect((await ctx.call('consulent', 'GET', `/verwijzingen/${overdrachtId}`)).status).toBe(200);
      expect((await ctx.call('consulent', 'GET', `/overdrachten-uit/${handedOn.body.id}`)).status).toBe(200);
    });

    test('accepting names a contact person that stays here: the accepted event carries parties and a date only', async () => {
      const { overdrachtId } = await ctx.referral(19);
      await ctx.inInbox(overdrachtId);
      const accepted = await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/acceptatie`, {
        contactPerson: 'A. Bakker',
        firstContactPlannedOn: today,
      });
      expect(accepted.status).toBe(201);
      expect(accepted.body.contactPerson).toBe('A. Bakker');
      const event = await eventually(() =>
        seen.find((e) => e.type === overdrachtAccepted.type && (e.data as Json).overdrachtId === overdrachtId),
      );
      expect(event.data).toEqual({ overdrachtId, from: rmc, to: service.us, firstContactPlannedOn: today });
      expect(JSON.stringify(event)).not.toContain('Bakker');
    });

    test('a withdrawn offer can no longer be accepted; nor one past its deadline, with the reason', async () => {
      const { overdrachtId, subject } = await ctx.referral(19);
      await ctx.inInbox(overdrachtId);
      await ctx.bus.publish(
        createEvent(overdrachtWithdrawn, {
          source: 'urn:nld:rmc:MC19:estafette-rmc',
          subject,
          data: { overdrachtId, from: rmc, to: service.us, reason: 'verkeerde-ontvanger' },
        }),
      );
      await eventually(async () =>
        (await ctx.call('consulent', 'GET', `/verwijzingen/${overdrachtId}`)).body.status === 'ingetrokken' ? true : undefined,
      );
      expect((await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/acceptatie`, { contactPerson: 'x' })).status).toBe(409);

      const late = await ctx.referral(19);
      await ctx.inInbox(late.overdrachtId);
      await sql(ctx.db.url, "UPDATE verwijzing SET response_due_at = now() - interval '1 second' WHERE overdracht_id = $1", [
        late.overdrachtId,
      ]);
      expect(await ctx.call('consulent', 'POST', `/verwijzingen/${late.overdrachtId}/acceptatie`, { contactPerson: 'x' })).toMatchObject({
        status: 409,
        body: { reason: 'verlopen' },
      });
      expect(seen.some((e) => e.type === overdrachtAccepted.type && (e.data as Json).overdrachtId === late.overdrachtId)).toBe(false);
    });

    test('placement after acceptance only; the placed event carries signals only; the follow-up timer fires once and uitval cancels later checks', async () => {
      const { overdrachtId } = await ctx.referral(17);
      await ctx.inInbox(overdrachtId);
      expect(
        (
          await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/plaatsing`, {
            placementType: 'dagbesteding',
            startDate: today,
          })
        ).status,
      ).toBe(409); // not accepted yet
      expect((await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/acceptatie`, { contactPerson: 'A. Bakker' })).status).toBe(
        201,
      );
      const placed = await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/plaatsing`, {
        placementType: 'dagbesteding',
        startDate: today,
      });
      expect(placed.status).toBe(201);
      const placedEvent = await eventually(() =>
        seen.find((e) => e.type === plaatsingPlaced.type && (e.data as Json).plaatsingId === placed.body.id),
      );
      expect(Object.keys(placedEvent.data as Json).sort()).toEqual([
        'ageAtPlacement',
        'followUpChecks',
        'municipalityOfResidence',
        'overdrachtId',
        'plaatsingId',
        'placedBy',
        'placementType',
        'startDate',
      ]);
      expect(JSON.stringify(placedEvent)).not.toContain('Bakker');

      await sql(
        ctx.db.url,
        "UPDATE follow_up_check SET due_at = now() - interval '1 minute' WHERE plaatsing_id = $1 AND check_type = 'na-2-maanden'",
        [placed.body.id],
      );
      await eventually(async () =>
        (await ctx.call('consulent', 'GET', '/plaatsingen/follow-up-checks')).body.items.some((c: Json) => c.plaatsingId === placed.body.id)
          ? true
          : undefined,
      );
      const fired = await sql<{ fired_at: Date }>(
        ctx.db.url,
        "SELECT fired_at FROM follow_up_check WHERE plaatsing_id = $1 AND check_type = 'na-2-maanden'",
        [placed.body.id],
      );
      // Firing again (another instance, another tick) finds nothing: the timer is spent.
      expect(await ctx.app.get(FireDueChecks).run()).toBe(0);
      expect(
        await sql(ctx.db.url, "SELECT fired_at FROM follow_up_check WHERE plaatsing_id = $1 AND check_type = 'na-2-maanden'", [
          placed.body.id,
        ]),
      ).toEqual(fired);

      const uitval = await ctx.call('consulent', 'POST', `/plaatsingen/${placed.body.id}/uitval`, {
        dropoutDate: today,
        reason: 'traject-afgebroken',
      });
      expect(uitval.body).toMatchObject({ status: 'uitgevallen', returnsTo: service.returnsTo(17) });
      const event = await eventually(() =>
        seen.find((e) => e.type === uitvalNaPlaatsingRegistered.type && (e.data as Json).plaatsingId === placed.body.id),
      );
      expect(event.data).toMatchObject({ ageAtDropout: 17, returnsTo: service.returnsTo(17), reportedBy: service.us });
      const plaatsing = (await ctx.call('consulent', 'GET', `/plaatsingen/${placed.body.id}`)).body;
      expect(plaatsing.followUpChecks.map((c: Json) => c.outcome)).toEqual(['vervallen-door-uitval', 'vervallen-door-uitval']);
      expect(
        (await ctx.call('consulent', 'POST', `/plaatsingen/${placed.body.id}/uitval`, { dropoutDate: today, reason: 'anders' })).status,
      ).toBe(409);
    });

    test("ages are exact from the offer's turns23On: an uitval the day before the 23rd birthday returns to the RMC, on the birthday to W&I", async () => {
      // 22 today, 23 in 100 days. The old estimate (age on the offer plus whole years since) would say 22 on both days.
      const turns23On = addDays(today, 100);
      const before = await ctx.accepted(22, { turns23On });
      expect((await ctx.call('consulent', 'GET', `/verwijzingen/${before}`)).body).toMatchObject({ ageAtOffer: 22, turns23On });
      const dayBefore = await ctx.droppedOut(before, addDays(turns23On, -1));
      expect(dayBefore.answer).toMatchObject({ status: 'uitgevallen', returnsTo: rmc });
      expect(dayBefore.event.data).toMatchObject({ ageAtDropout: 22, returnsTo: rmc });

      const birthday = await ctx.droppedOut(await ctx.accepted(22, { turns23On }), turns23On);
      expect(birthday.answer).toMatchObject({ status: 'uitgevallen', returnsTo: service.returnsTo(23) });
      expect(birthday.event.data).toMatchObject({ ageAtDropout: 23, returnsTo: service.returnsTo(23) });
      expect(service.returnsTo(23).organisationType).toBe('werk-inkomen');
    });

    test('a referral handed on carries its turns23On on the offer; one without it stores none', async () => {
      const turns23On = addDays(today, 200);
      const overdrachtId = await ctx.accepted(22, { turns23On });
      const handedOn = await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/overdrachten`, {
        to: rmc,
        purpose: 'terug-naar-rmc',
        reason: 'terug-naar-onderwijs',
        contactPerson: 'A. Bakker',
      });
      expect(handedOn.status).toBe(201);
      const offered = await eventually(() =>
        seen.find((e) => e.type === overdrachtOffered.type && (e.data as Json).overdrachtId === handedOn.body.id),
      );
      expect(offered.data).toMatchObject({ from: service.us, to: rmc, ageAtOffer: 22, turns23On });
      const old = await ctx.referral(19);
      expect(await ctx.inInbox(old.overdrachtId)).toMatchObject({ ageAtOffer: 19, turns23On: null });
    });

    test('an uitval returned to this organisation lands in its worklist at once, held, with its history; once; others pass by', async () => {
      const subject = pseudonym();
      const uitval = (returnsTo: { organisationType: string; id: string }) =>
        createEvent(uitvalNaPlaatsingRegistered, {
          source: 'urn:nld:agb:99887766:estafette-reporter',
          subject,
          data: {
            uitvalId: randomUUID(),
            plaatsingId: randomUUID(),
            reportedBy: service.otherKind,
            placementType: 'leerbaan',
            dropoutDate: today,
            reason: 'contract-niet-verlengd',
            ageAtDropout: 23,
            municipalityOfResidence: 'GM0344',
            returnsTo: returnsTo as never,
          },
        });
      const toUs = uitval(service.us);
      const toOther = uitval(service.otherKind);
      const toRmc = uitval(rmc);
      // Redelivered: filed once. All on one partition (one subject), so the last one is the barrier for the others.
      for (const event of [toOther, toRmc, toUs, toUs]) await ctx.bus.publish(event);
      const item = await ctx.inInbox(toUs.data.uitvalId);
      expect(item).toMatchObject({
        status: 'geaccepteerd',
        answerable: false,
        pseudonymousReference: subject,
        fromType: service.otherKind.organisationType,
        fromId: service.otherKind.id,
        handoverReason: 'uitval-na-plaatsing',
        ageAtOffer: 23,
        herkomst: {
          uitvalId: toUs.data.uitvalId,
          plaatsingId: toUs.data.plaatsingId,
          placementType: 'leerbaan',
          dropoutDate: today,
          dropoutReason: 'contract-niet-verlengd',
          reportedBy: service.otherKind,
          previousOverdrachtId: null,
        },
      });
      await eventually(async () =>
        (
          await sql<{ n: number }>(ctx.db.url, 'SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)', [
            [toOther.id, toRmc.id, toUs.id],
          ])
        )[0]!.n === 3
          ? true
          : undefined,
      );
      expect(await sql(ctx.db.url, 'SELECT overdracht_id FROM verwijzing WHERE pseudonymous_reference = $1', [subject])).toEqual([
        { overdracht_id: toUs.data.uitvalId },
      ]);
      expect((await ctx.call('sameKindOther', 'GET', `/verwijzingen/${toUs.data.uitvalId}`)).status).toBe(404);
      // Nobody offered it, so there is nothing to accept or reject; the contact is recorded here, without an event to a sender.
      expect((await ctx.call('consulent', 'POST', `/verwijzingen/${toUs.data.uitvalId}/afwijzing`, { reason: 'anders' })).status).toBe(409);
      const outbox = await sql<{ n: number }>(ctx.db.url, 'SELECT count(*)::int AS n FROM outbox');
      expect(
        (
          await ctx.call('consulent', 'POST', `/verwijzingen/${toUs.data.uitvalId}/eerste-contact`, {
            held: true,
            date: today,
            contactType: 'huisbezoek',
          })
        ).body,
      ).toMatchObject({ status: 'eerste-contact-gehad', firstContactDate: today });
      expect(await sql(ctx.db.url, 'SELECT count(*)::int AS n FROM outbox')).toEqual(outbox);
    });

    specifics(ctx);

    test('a withdrawn toestemming purges what its referrals brought along, records it once, and touches nothing else', async () => {
      const toestemmingId = randomUUID();
      const subject = pseudonym();
      const turns23On = addDays(today, 900);
      const underConsent = await ctx.referral(19, service.us, { legalBasis: 'toestemming', toestemmingId, subject, turns23On });
      const onLegalBasis = await ctx.referral(19, service.us, { subject, turns23On });
      const someoneElse = await ctx.referral(19, service.us, { legalBasis: 'toestemming', toestemmingId: randomUUID(), turns23On });
      for (const r of [underConsent, onLegalBasis, someoneElse]) await ctx.inInbox(r.overdrachtId);
      const withdrawal = (id?: string) =>
        createEvent(toestemmingWithdrawn, {
          ...(id ? { id } : {}),
          source: 'urn:nld:oin:00000001234567890000:estafette-toestemming',
          subject,
          data: { toestemmingId, withdrawnBy: 'jongere', withdrawnOn: today },
        });
      const first = withdrawal();
      await ctx.bus.publish(first);
      await ctx.bus.publish(first); // redelivered: the inbox skips it
      const again = withdrawal(); // announced twice under new ids: finds nothing left, records nothing
      await ctx.bus.publish(again);
      await eventually(async () =>
        (await sql<{ n: number }>(ctx.db.url, 'SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)', [[first.id, again.id]]))[0]!
          .n === 2
          ? true
          : undefined,
      );
      const rows = await sql<{ id: string; dataref: string | null; turns: string | null }>(
        ctx.db.url,
        `SELECT overdracht_id AS id, sender_dataref AS dataref, to_char(turns_23_on, 'YYYY-MM-DD') AS turns
           FROM verwijzing WHERE overdracht_id = ANY($1)`,
        [[underConsent.overdrachtId, onLegalBasis.overdrachtId, someoneElse.overdrachtId]],
      );
      const row = (id: string) => rows.find((r) => r.id === id);
      expect(row(underConsent.overdrachtId)).toEqual({ id: underConsent.overdrachtId, dataref: null, turns: turns23On });
      expect(row(onLegalBasis.overdrachtId)).toMatchObject({
        dataref: `http://rmc.test/overdrachten/${onLegalBasis.overdrachtId}`,
        turns: turns23On,
      });
      expect(row(someoneElse.overdrachtId)).toMatchObject({
        dataref: `http://rmc.test/overdrachten/${someoneElse.overdrachtId}`,
        turns: turns23On,
      });
      // The referral itself stays in the inbox: this organisation's own work.
      expect(await ctx.inInbox(underConsent.overdrachtId)).toMatchObject({ status: 'aangeboden' });
      const record = await sql(
        ctx.db.url,
        'SELECT subject, what, count, reason, toestemming_id AS "toestemmingId" FROM verwijdering WHERE subject = $1',
        [subject],
      );
      expect(record).toEqual([
        { subject, what: 'verwijzing:gegevens-van-verwijzer', count: 1, reason: 'toestemming-ingetrokken', toestemmingId },
      ]);
      // The purge record is append-only, like the access log.
      await expect(sql(ctx.db.url, 'DELETE FROM verwijdering WHERE subject = $1', [subject])).rejects.toThrow(/append-only/);
    });
  });
}

/**
 * One receiving service (werk-inkomen, zorg) on its own topics, database, issuer and organisation directory, started
 * in the calling describe's beforeAll and closed in its afterAll; the context reads it once started. `clock` is the
 * service's injected clock (the real one by default), `timerIntervalMs` its timers' interval (100 ms by default).
 */
export function useReceiver(service: ReceiverUnderTest, options: { clock?: () => Date; timerIntervalMs?: number } = {}): ReceiverContext {
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ ...kafkaAccess(), clientId: `${service.databaseName}-test` });
  const bus = new EventPublisher(kafka, prefix);
  const seen: CloudEvent[] = [];
  const tokens: Record<string, string> = {};
  const rmc = { organisationType: 'rmc' as const, id: 'rmc:MC19' };
  const clock = options.clock ?? (() => new Date());
  const today = amsterdamToday(clock());
  let observer: Consumer;
  let db: TestDatabase;
  let issuer: TestIssuer;
  let app: INestApplication;
  let organisations: Awaited<ReturnType<ReceiverUnderTest['startOrganisations']>>;

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase(service.databaseName);
    issuer = await startTestIssuer();
    organisations = await service.startOrganisations(issuer);
    tokens.consulent = await issuer.issueToken({
      role: service.role,
      organisationType: service.us.organisationType,
      organisationId: service.us.id,
      sub: 'consulent-1',
    });
    tokens.sameKindOther = await issuer.issueToken({
      role: service.role,
      organisationType: service.us.organisationType,
      organisationId: service.sameKindOther,
      sub: 'consulent-2',
    });
    observer = kafka.consumer({ groupId: `${prefix}observer` });
    await observer.connect();
    await observer.subscribe({
      topics: ['estafette.overdracht', 'estafette.plaatsing', 'estafette.uitval-na-plaatsing'].map((t) => topicName(prefix, t)),
      fromBeginning: true,
    });
    await observer.run({ eachMessage: async ({ message }) => void seen.push(fromKafkaMessage(message)) });
    app = await service.createApp(
      {
        // The service's name: its Kafka principal's consumer groups are named after it.
        name: service.us.organisationType,
        port: 0,
        host: '127.0.0.1',
        databaseUrl: db.url,
        migrationUrl: db.ownerUrl,
        ...serviceKafka(service.us.organisationType),
        topicPrefix: prefix,
        oidcIssuer: issuer.issuer,
        oidcAudience: issuer.audience,
        oidcJwksUrl: issuer.jwksUrl,
        organisations: organisations.access(service.us.organisationType),
        clock,
      } as ServiceConfig,
      { timerIntervalMs: options.timerIntervalMs ?? 100, publicUrl: 'http://receiver.test' },
    );
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await organisations?.close();
    await observer?.disconnect();
    await bus.disconnect();
    await issuer?.close();
    await db?.drop();
  });

  const ctx: ReceiverContext = {
    bus,
    get app() {
      return app;
    },
    get db() {
      return db;
    },
    prefix,
    get issuer() {
      return issuer;
    },
    organisationsAccess: (kind) => organisations.access(kind),
    seen,
    today,
    rmc,
    async call(who, method, path, body) {
      const res = await fetch(`${await app.getUrl()}${path}`, {
        method,
        headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: (await res.json()) as Json };
    },
    /** An offer from the Utrecht RMC, as it comes off the bus (twice: redelivery files it once). */
    async referral(ageAtOffer, to = service.us, extras = {}) {
      const overdrachtId = randomUUID();
      const { subject = pseudonym(), ...offerExtras } = extras;
      const offer = createEvent(overdrachtOffered, {
        source: 'urn:nld:rmc:MC19:estafette-rmc',
        subject,
        dataref: `http://rmc.test/overdrachten/${overdrachtId}`,
        data: {
          overdrachtId,
          from: rmc,
          to,
          purpose: 'werk',
          handoverReason: 'school-geen-optie',
          legalBasis: 'publieke-taak',
          responseDueAt: new Date(clock().getTime() + 7 * 86_400_000).toISOString(),
          ageAtOffer,
          ...offerExtras,
          municipalityOfResidence: 'GM0344',
        },
      });
      await bus.publish(offer);
      await bus.publish(offer);
      return { overdrachtId, subject, offer };
    },
    inInbox: (overdrachtId) =>
      eventually(async () =>
        (await ctx.call('consulent', 'GET', '/verwijzingen')).body.items.find((r: Json) => r.overdrachtId === overdrachtId),
      ),
    async accepted(ageAtOffer, extras) {
      const { overdrachtId } = await ctx.referral(ageAtOffer, service.us, extras);
      await ctx.inInbox(overdrachtId);
      expect((await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/acceptatie`, { contactPerson: 'A. Bakker' })).status).toBe(
        201,
      );
      return overdrachtId;
    },
    async droppedOut(overdrachtId, dropoutDate) {
      const placed = await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/plaatsing`, {
        placementType: 'dagbesteding',
        startDate: today,
      });
      expect(placed.status).toBe(201);
      const plaatsingId = placed.body.id as string;
      const answer = (
        await ctx.call('consulent', 'POST', `/plaatsingen/${plaatsingId}/uitval`, { dropoutDate, reason: 'traject-afgebroken' })
      ).body;
      const event = await eventually(() =>
        seen.find((e) => e.type === uitvalNaPlaatsingRegistered.type && (e.data as Json).plaatsingId === plaatsingId),
      );
      return { plaatsingId, answer, event };
    },
  };
  return ctx;
}
