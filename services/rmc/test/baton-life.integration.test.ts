import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { regieEnded, vsvMeldingCancelled, vsvMeldingRegistered, type CloudEvent } from '@estafette/contracts';
import { eventually, sql } from '@estafette/testing';
import { OfferOverdracht } from '@estafette/receiver';
import { FireDueTimers } from '../src/application/fire-due-timers.js';
import { inschrijving, pseudonym, startRmcOnClock, uitschrijving, type RmcOnClock } from './support.js';

// Response bodies are read loosely: the assertions below say what they must contain.
type Json = Record<string, any>;

/**
 * Every end of the RMC's responsibility, on the real broker and database with an injected clock: re-enrolment one day
 * before and one day after the grace period's end, the consulent's close with a reason from the fixed list, and the 23rd
 * birthday (with and without an offer still waiting). After each, the RMC's three views agree: the baton per person, the
 * young people in scope without a holder, and those held although out of scope. Expected dates are written by hand.
 */
describe("the RMC's part of the baton from vsv-melding to its end", () => {
  // 10:00 on Tuesday 1 September 2026, Amsterdam.
  let now = new Date('2026-09-01T08:00:00Z');
  let world: RmcOnClock;
  let rmc: RmcOnClock['rmc'];
  let school: RmcOnClock['bus'];
  let onBus: CloudEvent[];
  let consulent: string;
  let coordinator: string;

  beforeAll(async () => {
    world = await startRmcOnClock('rmcbaton', () => now, { observe: [regieEnded.topic, vsvMeldingRegistered.topic] });
    ({ rmc, bus: school, onBus } = world);
    consulent = await world.staff('rmc-consulent', 'MC21', 'consulent-baton');
    coordinator = await world.staff('rmc-coordinator', 'MC21', 'coordinator-baton');
  });

  afterAll(async () => {
    await world?.close();
  });

  async function call(method: string, path: string, body?: unknown, token = consulent): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${rmc.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  async function taskFor(subject: string, overrides: Parameters<typeof uitschrijving>[1]): Promise<Json> {
    await school.publish(uitschrijving(subject, overrides));
    return eventually(async () =>
      (await call('GET', '/taken?pageSize=500')).body.items.find((t: Json) => t.pseudonymousReference === subject),
    );
  }

  /** After a contact (warm: no handover before it), the task is offered to W&I of Amsterdam. */
  async function offerToWi(taakId: string, reason: string): Promise<{ status: number; body: Json }> {
    await call('POST', `/taken/${taakId}/contactmomenten`, { kind: 'contact', channel: 'telefoon', outcome: 'bereikt' });
    const offered = await call('POST', `/taken/${taakId}/overdrachten`, {
      to: { organisationType: 'werk-inkomen', id: 'gemeente:GM0363' },
      purpose: 'werk',
      reason,
      contactPerson: 'J. de Vries',
    });
    expect(offered.status).toBe(201);
    return offered;
  }

  const baton = async (subject: string) => (await call('GET', `/baton/${subject}`, undefined, coordinator)).body;
  const listed = async (view: 'without-holder' | 'held-out-of-scope', subject: string) =>
    (await call('GET', `/baton/${view}`, undefined, coordinator)).body.items.some((i: Json) => i.pseudonymousReference === subject);
  const endOnBus = (subject: string) => eventually(() => onBus.find((e) => e.type === regieEnded.type && e.subject === subject));

  /** The three views agree: in scope with exactly this holder, or out of scope with nobody. */
  async function expectViewsAgree(subject: string, holder: string | null) {
    const view = await baton(subject);
    expect(view.holder?.id ?? null).toBe(holder);
    expect(view.inScope).toBe(holder !== null);
    expect(await listed('without-holder', subject)).toBe(false);
    expect(await listed('held-out-of-scope', subject)).toBe(false);
    return view;
  }

  test('the RMC holds the baton from its own vsv-melding, before any overdracht', async () => {
    const subject = pseudonym();
    const task = await taskFor(subject, { date: '2026-08-31', turns23On: '2029-03-14' });
    expect(task).toMatchObject({ status: 'nieuw', turns23On: '2029-03-14' });
    const view = await expectViewsAgree(subject, 'rmc:MC21');
    expect(view).toMatchObject({ ended: null, turns23On: '2029-03-14', regionName: 'Agglomeratie Amsterdam' });
    expect(view.events).toBeGreaterThanOrEqual(1);
    const melding = await eventually(() => onBus.find((e) => e.type === vsvMeldingRegistered.type && e.subject === subject));
    expect(melding.data).toMatchObject({ turns23On: '2029-03-14' });
  });

  describe('re-enrolment at the edges of the grace period (MC21: 30 days after the deregistration, last day included)', () => {
    test('enrolled on the last day of the grace period: the melding is cancelled', async () => {
      const subject = pseudonym();
      const task = await taskFor(subject, { date: '2026-08-31' });
      expect(task.gracePeriodEndDate).toBe('2026-09-30');
      await school.publish(inschrijving(subject, '2026-09-30'));
      const closed = await eventually(async () => {
        const t = (await call('GET', `/taken/${task.id}`)).body;
        return t.status === 'gesloten' ? t : undefined;
      });
      expect(closed).toMatchObject({ closeReason: 'nieuwe-inschrijving', herinschrijving: { datum: '2026-09-30' } });
      const view = await expectViewsAgree(subject, null);
      expect(view.ended).toMatchObject({ reason: 'melding-ingetrokken', on: '2026-09-30', by: { id: 'rmc:MC21' } });
      const cancelled = await eventually(() => onBus.find((e) => e.type === vsvMeldingCancelled.type && e.subject === subject));
      expect(cancelled.data).toMatchObject({ vsvMeldingId: task.id, cancellationDate: '2026-09-30', reason: 'nieuwe-inschrijving' });
      expect(onBus.some((e) => e.type === regieEnded.type && e.subject === subject)).toBe(false);
    });

    test('enrolled the day after: back to school, a success that ends the regie', async () => {
      const subject = pseudonym();
      const task = await taskFor(subject, { date: '2026-08-31' });
      await school.publish(inschrijving(subject, '2026-10-01'));
      const ended = await endOnBus(subject);
      expect(ended.data).toMatchObject({ reason: 'terug-naar-school', endedOn: '2026-10-01', endedBy: { id: 'rmc:MC21' } });
      expect((await call('GET', `/taken/${task.id}`)).body).toMatchObject({ status: 'gesloten', closeReason: 'terug-naar-school' });
      const view = await expectViewsAgree(subject, null);
      expect(view.ended).toMatchObject({ reason: 'terug-naar-school', on: '2026-10-01' });
    });

    test('an offer of the task still waiting is withdrawn by the enrolment: nobody can accept it afterwards', async () => {
      const subject = pseudonym();
      const task = await taskFor(subject, { date: '2026-08-31' });
      const offered = await offerToWi(task.id, 'school-geen-optie');
      await school.publish(inschrijving(subject, '2026-10-01'));
      await endOnBus(subject);
      expect((await call('GET', `/overdrachten-uit/${offered.body.id}`)).body).toMatchObject({ status: 'ingetrokken' });
      const view = await eventually(async () => {
        const b = await baton(subject);
        return b.overdrachten?.[offered.body.id]?.status === 'ingetrokken' ? b : undefined;
      });
      expect(view).toMatchObject({ holder: null, inScope: false, ended: { reason: 'terug-naar-school' } });
    });
  });

  describe('the consulent closes a task', () => {
    test('only with a reason from the fixed list; the regie ends with it', async () => {
      const subject = pseudonym();
      const task = await taskFor(subject, {});
      const refused = await call('POST', `/taken/${task.id}/sluiting`, { reason: 'geen-zin' });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('reason must be one of: startkwalificatie-behaald, emigratie');
      const systemReason = await call('POST', `/taken/${task.id}/sluiting`, { reason: 'nieuwe-inschrijving' });
      expect(systemReason.status).toBe(400);

      const closed = await call('POST', `/taken/${task.id}/sluiting`, { reason: 'emigratie' });
      expect(closed.status).toBeLessThan(300);
      expect(closed.body).toMatchObject({ status: 'gesloten', closeReason: 'emigratie' });
      const ended = await endOnBus(subject);
      expect(ended.data).toMatchObject({ reason: 'gesloten-door-consulent', closeReason: 'emigratie', vsvMeldingId: task.id });
      const view = await expectViewsAgree(subject, null);
      expect(view.ended).toMatchObject({ reason: 'gesloten-door-consulent', closeReason: 'emigratie' });
    });

    test('not while an offer of the task waits for its answer', async () => {
      const subject = pseudonym();
      const task = await taskFor(subject, {});
      await offerToWi(task.id, 'school-geen-optie');
      const refused = await call('POST', `/taken/${task.id}/sluiting`, { reason: 'emigratie' });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('withdraw it before closing');
      await expectViewsAgree(subject, 'rmc:MC21');
    });
  });

  describe('the 23rd birthday', () => {
    test("the run-up is clamped to the month, and on the birthday itself (00:30) the RMC's part ends and its reads stop", async () => {
      now = new Date('2027-01-04T09:00:00Z');
      const subject = pseudonym();
      // Turns 23 on Friday 30 April 2027; two months' lead (MC21): prepare from 28 February, not 2 March.
      const task = await taskFor(subject, { date: '2027-01-04', age: 22, turns23On: '2027-04-30' });
      const timers = await sql<{ kind: string; due_at: Date }>(
        rmc.db.url,
        'SELECT kind, due_at FROM timer WHERE taak_id = $1 ORDER BY kind',
        [task.id],
      );
      expect(Object.fromEntries(timers.map((t) => [t.kind, t.due_at.toISOString()]))).toMatchObject({
        'prepare-wi-handover': '2027-02-27T23:00:00.000Z', // 00:00 on 28 February, Amsterdam winter time
        'turns-23': '2027-04-29T22:00:00.000Z', // 00:00 on 30 April, Amsterdam summer time
      });
      const fire = rmc.app.get(FireDueTimers);

      now = new Date('2027-04-29T21:59:00Z'); // 23:59 on 29 April: still 22
      await fire.run();
      await expectViewsAgree(subject, 'rmc:MC21');
      expect((await call('GET', `/taken/${task.id}`)).body).toMatchObject({ status: 'nieuw', wiOverdrachtVoorbereiden: true });

      now = new Date('2027-04-29T22:30:00Z'); // 00:30 on 30 April (UTC still says the 29th)
      await fire.run();
      expect((await call('GET', `/taken/${task.id}`)).body).toMatchObject({ status: 'gesloten', closeReason: 'leeftijdsgrens-bereikt' });
      const ended = await endOnBus(subject);
      expect(ended.data).toMatchObject({ reason: 'leeftijd-23', endedOn: '2027-04-30' });
      const view = await expectViewsAgree(subject, null);
      expect(view.ended).toMatchObject({ reason: 'leeftijd-23', on: '2027-04-30' });
      const read = await call('GET', `/taken/${task.id}/jongere`);
      expect(read.status).toBe(403);
      expect(read.body.message).toContain('turned 23 on 2027-04-30');
    });

    test('an offer to W&I still waiting keeps the baton with the RMC until its answer deadline, then the part ends', async () => {
      now = new Date('2027-05-03T08:00:00Z'); // Monday 3 May 2027
      const subject = pseudonym();
      const task = await taskFor(subject, { date: '2027-05-03', age: 22, turns23On: '2027-05-06' });
      const offered = await offerToWi(task.id, 'leeftijdsgrens-rmc');
      const fire = rmc.app.get(FireDueTimers);

      now = new Date('2027-05-05T22:30:00Z'); // 00:30 on the birthday: the offer still waits
      await fire.run();
      await expectViewsAgree(subject, 'rmc:MC21');
      // Offered to W&I in time: the run-up timer (long past) raised no flag for the coordinator.
      expect((await call('GET', `/taken/${task.id}`)).body).toMatchObject({ status: 'in-contact', wiOverdrachtVoorbereiden: false });

      // Past the answer deadline: the offer expires (the sender's own timer) and the postponed birthday timer ends the part.
      now = new Date(Date.parse(offered.body.responseDueAt) + 60_000);
      // This offer and the one of the test before (both past their deadline on this clock).
      expect(await rmc.app.get(OfferOverdracht).expireDue()).toBe(2);
      expect((await call('GET', `/overdrachten-uit/${offered.body.id}`)).body.status).toBe('verlopen');
      await eventually(async () => {
        await fire.run();
        const t = (await call('GET', `/taken/${task.id}`)).body;
        return t.status === 'gesloten' ? t : undefined;
      });
      const view = await expectViewsAgree(subject, null);
      expect(view.ended).toMatchObject({ reason: 'leeftijd-23', on: '2027-05-06' });
    });
  });
});
