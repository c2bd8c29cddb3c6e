import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createEvent, overdrachtAccepted, overdrachtFirstContactMissed, plaatsingPlaced, type CloudEvent } from '@estafette/contracts';
import { createKafka, EventPublisher } from '@estafette/messaging';
import { addWorkingDays, endOfDay, holidayRulesFor, today } from '@estafette/calendar';
import {
  createTestDatabase,
  eventually,
  provisionTestTopics,
  sql,
  startTestIssuer,
  uniqueTopicPrefix,
  type TestDatabase,
  type TestIssuer,
  kafkaAccess,
  serviceKafka,
} from '@estafette/testing';
import { OfferOverdracht } from '@estafette/receiver';
import { startOrganisations, type OrganisationsUnderTest } from '../../organisations/test/support/start-organisations.js';
import { createRmcApp } from '../src/create-rmc-app.js';
import { pseudonym, rmcSettings, uitschrijving } from './support.js';

// Response bodies are read loosely: the assertions below say what they must contain.
type Json = Record<string, any>;

const wi = { organisationType: 'werk-inkomen' as const, id: 'gemeente:GM0363' };
const rmc = { organisationType: 'rmc' as const, id: 'rmc:MC21' };
const wiSource = 'urn:nld:gemeente:GM0363:estafette-werk-inkomen';

describe('RMC as sender of a warm handover, against a real broker and database', () => {
  const prefix = uniqueTopicPrefix();
  const kafka = createKafka({ ...kafkaAccess(), clientId: 'rmc-overdracht-test' });
  const bus = new EventPublisher(kafka, prefix);
  let db: TestDatabase;
  let issuer: TestIssuer;
  let app: INestApplication;
  let consulent: string;
  let coordinator: string;
  let otherRegion: string;
  let organisations: OrganisationsUnderTest;

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('rmcoverdracht');
    issuer = await startTestIssuer();
    // The real organisation directory: every offer's receiver is checked against it, answers carry its names.
    organisations = await startOrganisations(issuer);
    consulent = await issuer.issueToken({ role: 'rmc-consulent', organisationType: 'rmc', organisationId: rmc.id, sub: 'consulent-a' });
    coordinator = await issuer.issueToken({
      role: 'rmc-coordinator',
      organisationType: 'rmc',
      organisationId: rmc.id,
      sub: 'coordinator-a',
    });
    otherRegion = await issuer.issueToken({
      role: 'rmc-coordinator',
      organisationType: 'rmc',
      organisationId: 'rmc:MC19',
      sub: 'coordinator-u',
    });
    app = await createRmcApp(
      {
        name: 'rmc',
        port: 0,
        host: '127.0.0.1',
        databaseUrl: db.url,
        migrationUrl: db.ownerUrl,
        ...serviceKafka('rmc'),
        topicPrefix: prefix,
        oidcIssuer: issuer.issuer,
        oidcAudience: issuer.audience,
        oidcJwksUrl: issuer.jwksUrl,
        organisations: organisations.access('rmc'),
      },
      rmcSettings(60 * 60_000),
      false,
    );
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await organisations?.close();
    await bus.disconnect();
    await issuer?.close();
    await db?.drop();
  });

  async function call(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${await app.getUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  /** A task for a new young person, the RMC in contact with them: ready to be handed over. */
  async function taakInContact(): Promise<{ subject: string; taak: Json }> {
    const subject = pseudonym();
    await bus.publish(uitschrijving(subject));
    const taak = await eventually(async () =>
      (await call(consulent, 'GET', '/taken?pageSize=500')).body.items.find((t: Json) => t.pseudonymousReference === subject),
    );
    expect(
      (await call(consulent, 'POST', `/taken/${taak.id}/contactmomenten`, { kind: 'contact', channel: 'telefoon', outcome: 'bereikt' }))
        .status,
    ).toBe(201);
    return { subject, taak };
  }

  async function offeredHandover() {
    const subject = pseudonym();
    await bus.publish(uitschrijving(subject));
    const taak = await eventually(async () =>
      (await call(consulent, 'GET', '/taken?pageSize=500')).body.items.find((t: Json) => t.pseudonymousReference === subject),
    );
    const early = await call(consulent, 'POST', `/taken/${taak.id}/overdrachten`, {
      to: wi,
      purpose: 'werk',
      reason: 'school-geen-optie',
      contactPerson: 'J. de Vries',
    });
    expect(early.status).toBe(409); // warm: no handover before contact with the young person
    expect(
      (await call(consulent, 'POST', `/taken/${taak.id}/contactmomenten`, { kind: 'contact', channel: 'telefoon', outcome: 'bereikt' }))
        .status,
    ).toBe(201);
    const offer = await call(consulent, 'POST', `/taken/${taak.id}/overdrachten`, {
      to: wi,
      purpose: 'werk',
      reason: 'school-geen-optie',
      contactPerson: 'J. de Vries',
    });
    expect(offer.status).toBe(201);
    return {
      subject,
      taakId: taak.id as string,
      overdrachtId: offer.body.id as string,
      responseDueAt: offer.body.responseDueAt as string,
      responseDueOn: offer.body.responseDueOn as string,
    };
  }

  const parties = (overdrachtId: string) => ({ overdrachtId, from: rmc, to: wi });

  test('the answer deadline comes from the region settings (5 working days by default), stored as a durable timer', async () => {
    const { overdrachtId, responseDueAt, responseDueOn } = await offeredHandover();
    const [timer] = await sql<{ due_at: Date }>(db.url, 'SELECT due_at FROM uitgaande_overdracht WHERE id = $1', [overdrachtId]);
    expect(timer!.due_at.toISOString()).toBe(new Date(responseDueAt).toISOString());
    // W&I's working days (the receiver's), ending at Amsterdam midnight; shown as the last day in time.
    const lastDay = addWorkingDays(today(), 5, holidayRulesFor('werk-inkomen'));
    expect(responseDueOn).toBe(lastDay);
    expect(new Date(responseDueAt).toISOString()).toBe(endOfDay(lastDay).toISOString());
  });

  test('a plaatsing that overtakes the acceptance, delivered twice, still closes the trajectory and moves the baton once', async () => {
    const { subject, taakId, overdrachtId } = await offeredHandover();
    // Until acceptance the RMC holds the baton: its region by CBS name next to the id.
    const offered = await eventually(async () => {
      const b = (await call(coordinator, 'GET', `/baton/${subject}`)).body;
      return b.events >= 1 ? b : undefined;
    });
    expect(offered).toMatchObject({ holder: { organisationType: 'rmc', id: 'rmc:MC21' }, regionName: 'Agglomeratie Amsterdam' });
    const acceptedAt = new Date(Date.now() - 60_000).toISOString();
    const accepted = createEvent(overdrachtAccepted, { source: wiSource, subject, time: acceptedAt, data: parties(overdrachtId) });
    const placed: CloudEvent = createEvent(plaatsingPlaced, {
      source: wiSource,
      subject,
      data: {
        plaatsingId: crypto.randomUUID(),
        overdrachtId,
        placedBy: wi,
        placementType: 'leerbaan',
        startDate: '2026-12-01',
        ageAtPlacement: 17,
        municipalityOfResidence: 'GM0363',
        followUpChecks: [{ checkType: 'na-2-maanden', dueDate: '2027-02-01' }],
      },
    });
    await bus.publish(placed);
    await bus.publish(placed);
    const early = await eventually(async () => {
      const b = (await call(coordinator, 'GET', `/baton/${subject}`)).body;
      return b.overdrachten?.[overdrachtId]?.status === 'geplaatst' ? b : undefined;
    });
    expect(early.holder).toEqual(wi); // the plaatsing proves the acceptance that is still on its way
    await bus.publish(accepted);
    const baton = await eventually(async () => {
      const b = (await call(coordinator, 'GET', `/baton/${subject}`)).body;
      return b.events === 4 ? b : undefined; // the RMC's own vsv-melding, the offer, the expiry and the acceptance
    });
    expect(baton).toMatchObject({ holder: wi, regionName: null, conflicts: [] });
    const handovers = (await call(consulent, 'GET', `/taken/${taakId}/overdrachten`)).body;
    expect(handovers.items[0]).toMatchObject({ status: 'geplaatst', placementType: 'leerbaan' });
    const taak = (await call(consulent, 'GET', `/taken?status=gesloten&pageSize=500`)).body.items.find((t: Json) => t.id === taakId);
    expect(taak).toMatchObject({ closeReason: 'geplaatst' });
    // Another region's coordinator gets the same empty answer as for a stranger.
    expect((await call(otherRegion, 'GET', `/baton/${subject}`)).body).toMatchObject({ holder: null, events: 0 });
    expect((await call(coordinator, 'GET', '/baton/without-holder')).body.items).toEqual([]);
  });

  test('a missed first contact escalates to the coordinator; a withdrawn offer cannot be withdrawn twice', async () => {
    const first = await offeredHandover();
    await bus.publish(createEvent(overdrachtAccepted, { source: wiSource, subject: first.subject, data: parties(first.overdrachtId) }));
    await bus.publish(
      createEvent(overdrachtFirstContactMissed, {
        source: wiSource,
        subject: first.subject,
        data: { ...parties(first.overdrachtId), plannedDate: '2026-12-01', reason: 'niet-verschenen' },
      }),
    );
    const escalated = await eventually(async () =>
      (await call(coordinator, 'GET', '/overdrachten?escalated=true')).body.items.find((o: Json) => o.id === first.overdrachtId),
    );
    expect(escalated.status).toBe('eerste-contact-gemist');

    const second = await offeredHandover();
    const path = `/taken/${second.taakId}/overdrachten/${second.overdrachtId}/intrekking`;
    expect((await call(consulent, 'POST', path, { reason: 'niet-meer-nodig' })).status).toBe(201);
    expect((await call(consulent, 'POST', path, { reason: 'niet-meer-nodig' })).status).toBe(409);
    const baton = await eventually(async () => {
      const b = (await call(coordinator, 'GET', `/baton/${second.subject}`)).body;
      return b.overdrachten?.[second.overdrachtId]?.status === 'ingetrokken' ? b : undefined;
    });
    expect(baton.holder).toEqual(rmc);
  });

  test('late acceptance: one made before the deadline wins over the expiry it crossed; one at the deadline changes nothing', async () => {
    const crossed = await offeredHandover();
    const late = await offeredHandover();
    // The timers fire early here (moved into the past); the deadline in the offer stays days ahead.
    await sql(db.url, "UPDATE uitgaande_overdracht SET due_at = now() - interval '1 minute' WHERE id = ANY($1)", [
      [crossed.overdrachtId, late.overdrachtId],
    ]);
    expect(await app.get(OfferOverdracht).expireDue()).toBe(2);
    for (const { taakId, overdrachtId } of [crossed, late]) {
      expect((await call(consulent, 'GET', `/taken/${taakId}/overdrachten`)).body.items[0]).toMatchObject({
        id: overdrachtId,
        status: 'verlopen',
        escalatedAt: expect.any(String),
      });
    }

    await bus.publish(createEvent(overdrachtAccepted, { source: wiSource, subject: crossed.subject, data: parties(crossed.overdrachtId) }));
    await bus.publish(
      createEvent(overdrachtAccepted, {
        source: wiSource,
        subject: late.subject,
        time: crossed.responseDueAt,
        data: parties(late.overdrachtId),
      }),
    );
    await eventually(async () =>
      (await call(consulent, 'GET', `/taken/${crossed.taakId}/overdrachten`)).body.items[0]?.status === 'geaccepteerd' ? true : undefined,
    );
    expect((await call(consulent, 'GET', '/taken?status=overgedragen&pageSize=500')).body.items.map((t: Json) => t.id)).toContain(
      crossed.taakId,
    );
    const crossedBaton = await eventually(async () => {
      const b = (await call(coordinator, 'GET', `/baton/${crossed.subject}`)).body;
      return b.events === 4 ? b : undefined; // the RMC's own vsv-melding, the offer, the expiry and the acceptance
    });
    expect(crossedBaton).toMatchObject({ holder: wi, overdrachten: { [crossed.overdrachtId]: { status: 'geaccepteerd' } }, conflicts: [] });

    const lateBaton = await eventually(async () => {
      const b = (await call(coordinator, 'GET', `/baton/${late.subject}`)).body;
      return b.events === 4 ? b : undefined; // the RMC's own vsv-melding, the offer, the expiry and the acceptance
    });
    expect(lateBaton).toMatchObject({ holder: rmc, overdrachten: { [late.overdrachtId]: { status: 'verlopen' } } });
    expect(lateBaton.conflicts).toHaveLength(1);
    expect((await call(consulent, 'GET', `/taken/${late.taakId}/overdrachten`)).body.items[0].status).toBe('verlopen');
    expect((await call(coordinator, 'GET', '/baton/without-holder')).body.items).toEqual([]);
  });
  test('an offer to an id the directory does not know, knows as another kind, or knows as deactivated is 400 naming to.id; nothing is offered', async () => {
    const { taak } = await taakInContact();
    const ops = await issuer.issueToken({ role: 'ops', organisationType: 'platform', organisationId: 'oin:00000001234567890000' });
    const registered = await fetch(`${organisations.url}/organisations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ops}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'zorg', code: '55555555', name: 'Gesloten Zorg' }),
    });
    expect(registered.status).toBe(201);
    const deactivated = await fetch(`${organisations.url}/organisations/agb:55555555/deactivation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ops}` },
    });
    expect(deactivated.status).toBe(201);
    const offer = (to: Json) =>
      call(consulent, 'POST', `/taken/${taak.id}/overdrachten`, { to, purpose: 'werk', reason: 'anders', contactPerson: 'J. de Vries' });
    for (const [to, reason] of [
      [{ organisationType: 'zorg', id: 'agb:99999999' }, 'the organisation directory does not know agb:99999999'],
      // A municipality as such is no W&I department until ops registers one.
      [{ organisationType: 'werk-inkomen', id: 'gemeente:GM0384' }, 'gemeente:GM0384 (Diemen) is a gemeente organisation'],
      [
        { organisationType: 'school', id: 'agb:12345678' },
        'agb:12345678 (Demo Zorg) is a zorg organisation in the organisation directory, not school',
      ],
      [{ organisationType: 'zorg', id: 'agb:55555555' }, 'agb:55555555 (Gesloten Zorg) is deactivated'],
    ] as const) {
      const refused = await offer(to);
      expect([to.id, refused.status]).toEqual([to.id, 400]);
      expect(refused.body.errors).toEqual([{ field: 'to.id', reason: expect.stringContaining(reason) }]);
    }
    expect((await call(consulent, 'GET', `/taken/${taak.id}/overdrachten`)).body.items).toEqual([]);
    // The registered W&I department is accepted, and every answer names it next to its id.
    const accepted = await offer(wi);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ to: wi, toName: 'Gemeente Amsterdam, Werk & Inkomen', taakId: taak.id });
  });

  test('names next to ids: the task shows its school, the offers their receiver, in lists and details', async () => {
    const { taakId, overdrachtId } = await offeredHandover();
    const list = (await call(consulent, 'GET', '/taken?pageSize=500')).body.items.find((t: Json) => t.id === taakId);
    expect(list).toMatchObject({ school: 'brin:25XY', schoolName: 'Demo College' });
    expect((await call(consulent, 'GET', `/taken/${taakId}`)).body).toMatchObject({ school: 'brin:25XY', schoolName: 'Demo College' });
    expect((await call(consulent, 'GET', `/taken/${taakId}/overdrachten`)).body.items[0]).toMatchObject({
      to: wi,
      toName: 'Gemeente Amsterdam, Werk & Inkomen',
    });
    const uit = (await call(coordinator, 'GET', '/overdrachten-uit')).body.items.find((o: Json) => o.id === overdrachtId);
    expect(uit).toMatchObject({ to: wi, toName: 'Gemeente Amsterdam, Werk & Inkomen' });
    expect((await call(coordinator, 'GET', `/overdrachten-uit/${overdrachtId}`)).body.toName).toBe('Gemeente Amsterdam, Werk & Inkomen');
  });

  // Last: it stops the directory.
  test('with the directory down an offer is 503 saying why and nothing is offered; lists still answer, with the names they cached', async () => {
    const { taak } = await taakInContact();
    await organisations.close();
    const refused = await call(consulent, 'POST', `/taken/${taak.id}/overdrachten`, {
      to: { organisationType: 'werk-inkomen', id: 'oin:00000001002564440000' },
      purpose: 'werk',
      reason: 'anders',
      contactPerson: 'J. de Vries',
    });
    expect(refused.status).toBe(503);
    expect(refused.body.message).toContain('the organisation directory cannot be asked');
    expect((await call(consulent, 'GET', `/taken/${taak.id}/overdrachten`)).body.items).toEqual([]);
    const listed = await call(consulent, 'GET', '/taken?pageSize=500');
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((t: Json) => t.id === taak.id).schoolName).toBe('Demo College');
  });
});
