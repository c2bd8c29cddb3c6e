import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  createEvent,
  uitschrijvingCorrected,
  uitschrijvingWithdrawn,
  vsvMeldingCancelled,
  vsvMeldingRegistered,
  type CloudEvent,
  type UitschrijvingCorrectedData,
} from '@estafette/contracts';
import { eventually, sql } from '@estafette/testing';
import { randomUUID } from 'node:crypto';
import { FireDueTimers } from '../src/application/fire-due-timers.js';
import { pseudonym, startRmcOnClock, uitschrijving, type RmcOnClock } from './support.js';

// Response bodies are read loosely: the assertions below say what they must contain.
type Json = Record<string, any>;

/**
 * The RMC task follows the school's corrections and withdrawals, on the real broker and database with an injected clock
 * (10:00 on Tuesday 1 September 2026, Amsterdam): a new municipality moves the task to the other region with its
 * history and the baton; a withdrawal cancels it and releases the baton; a new date recomputes the deadlines and re-arms
 * the timer. Expected dates are written by hand (MC21 and MC29: 30 days grace, first contact in 10 working days).
 */
describe('the RMC task follows corrections of its uitschrijving', () => {
  const now = new Date('2026-09-01T08:00:00Z');
  let world: RmcOnClock;
  let rmc: RmcOnClock['rmc'];
  let school: RmcOnClock['bus'];
  let onBus: CloudEvent[];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    world = await startRmcOnClock('rmccorrectie', () => now, { observe: [vsvMeldingRegistered.topic] });
    ({ rmc, bus: school, onBus } = world);
    for (const region of ['MC21', 'MC29']) {
      tokens[`consulent-${region}`] = await world.staff('rmc-consulent', region, `consulent-${region}`);
      tokens[`coordinator-${region}`] = await world.staff('rmc-coordinator', region, `coordinator-${region}`);
    }
  });

  afterAll(async () => {
    await world?.close();
  });

  async function call(path: string, token: string): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${rmc.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as Json };
  }
  async function post(path: string, body: unknown, token: string): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${rmc.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  }
  const inWorklist = async (region: string, subject: string) =>
    (await call('/taken?pageSize=500', tokens[`consulent-${region}`]!)).body.items.find((t: Json) => t.pseudonymousReference === subject);
  const onBusAbout = (type: string, subject: string) => onBus.filter((e) => e.type === type && e.subject === subject);

  /** A task in MC21 from an uitschrijving (Amsterdam, 31 August 2026); returns the task and the event. */
  async function taskFor(subject: string, overrides: Parameters<typeof uitschrijving>[1] = {}) {
    const registered = uitschrijving(subject, { date: '2026-08-31', turns23On: '2030-03-14', ...overrides });
    await school.publish(registered);
    const task = await eventually(() => inWorklist('MC21', subject));
    return { task, registered: registered as CloudEvent<Json> };
  }

  /** The school's correction of `registered`: the uitschrijving as it was, with `changed` on top. */
  function correction(registered: CloudEvent<Json>, changed: Partial<UitschrijvingCorrectedData>): CloudEvent {
    const was = registered.data;
    const { reason: _leavingReason, exitInterviewHeld: _held, ...facts } = was;
    const changedFields = Object.keys(changed).filter((k) => k !== 'hasStartkwalificatie' && k !== 'turns23On') as never[];
    return createEvent(uitschrijvingCorrected, {
      source: registered.source,
      subject: registered.subject,
      dataref: registered.dataref,
      data: {
        ...(facts as object),
        ...changed,
        correctieId: randomUUID(),
        correctionDate: '2026-09-01',
        reason: 'invoerfout',
        changedFields,
        previous: Object.fromEntries(changedFields.map((k) => [k, was[k]])),
      } as UitschrijvingCorrectedData,
    });
  }

  test('a new municipality moves the task to the other region with its history, and the baton goes with it', async () => {
    const subject = pseudonym();
    const { task, registered } = await taskFor(subject);
    const corrected = correction(registered, { municipalityOfResidence: 'GM0599' });
    await school.publish(corrected);

    const moved = await eventually(() => inWorklist('MC29', subject));
    expect(moved).toMatchObject({ id: task.id, region: 'MC29', municipality: 'GM0599', assignedTo: null, status: 'nieuw' });
    expect(moved.firstContactDueDate).toBe('2026-09-15');
    expect(await inWorklist('MC21', subject)).toBeUndefined();
    expect((await call(`/taken/${task.id}`, tokens['consulent-MC21']!)).status).toBe(404);

    const detail = (await call(`/taken/${task.id}`, tokens['consulent-MC29']!)).body;
    expect(detail.correcties).toEqual([
      {
        kind: 'correctie',
        reason: 'invoerfout',
        changes: { municipalityOfResidence: { from: 'GM0363', to: 'GM0599' } },
        outcome: 'verplaatst',
        fromRegion: 'MC21',
        toRegion: 'MC29',
        correctionDate: '2026-09-01',
        receivedAt: now.toISOString(),
      },
    ]);

    const baton = (await call(`/baton/${subject}`, tokens['coordinator-MC29']!)).body;
    expect(baton).toMatchObject({ holder: { organisationType: 'rmc', id: 'rmc:MC29' }, inScope: true });
    const cancelled = await eventually(() => onBusAbout(vsvMeldingCancelled.type, subject)[0]);
    expect(cancelled.data).toEqual({
      vsvMeldingId: task.id,
      rmcRegion: 'MC21',
      cancellationDate: '2026-09-01',
      reason: 'onterecht-gemeld',
    });
    const again = await eventually(() => onBusAbout(vsvMeldingRegistered.type, subject).find((e) => (e.data as Json).rmcRegion === 'MC29'));
    expect(again.data).toMatchObject({ vsvMeldingId: task.id, municipalityOfResidence: 'GM0599', firstContactDueDate: '2026-09-15' });
    expect(Date.parse(again.time)).toBeGreaterThan(Date.parse(cancelled.time));

    // Redelivered: nothing changes, nothing more on the bus.
    await school.publish(corrected);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await call(`/taken/${task.id}`, tokens['consulent-MC29']!)).body.correcties).toHaveLength(1);
    expect(onBusAbout(vsvMeldingRegistered.type, subject)).toHaveLength(2);
    expect(onBusAbout(vsvMeldingCancelled.type, subject)).toHaveLength(1);
  });

  test('a withdrawal cancels the task, withdraws its offer still waiting, and releases the baton with that reason', async () => {
    const subject = pseudonym();
    const { task, registered } = await taskFor(subject);
    const consulent = tokens['consulent-MC21']!;
    expect(
      (await post(`/taken/${task.id}/contactmomenten`, { kind: 'contact', channel: 'telefoon', outcome: 'bereikt' }, consulent)).status,
    ).toBe(201);
    const offer = {
      to: { organisationType: 'werk-inkomen', id: 'gemeente:GM0363' },
      purpose: 'werk',
      reason: 'school-geen-optie',
      contactPerson: 'J. de Vries',
    };
    const offered = await post(`/taken/${task.id}/overdrachten`, offer, consulent);
    expect(offered.status).toBe(201);
    await school.publish(
      createEvent(uitschrijvingWithdrawn, {
        source: registered.source,
        subject,
        dataref: registered.dataref,
        data: {
          uitschrijvingId: registered.data.uitschrijvingId,
          school: registered.data.school,
          withdrawalDate: '2026-09-01',
          reason: 'verkeerde-leerling',
        },
      }),
    );
    const closed = await eventually(async () => {
      const t = (await call(`/taken/${task.id}`, tokens['consulent-MC21']!)).body;
      return t.status === 'gesloten' ? t : undefined;
    });
    expect(closed).toMatchObject({ closeReason: 'onterecht-gemeld' });
    expect(closed.correcties).toMatchObject([{ kind: 'intrekking', reason: 'verkeerde-leerling', outcome: 'geannuleerd', changes: {} }]);
    const baton = (await call(`/baton/${subject}`, tokens['coordinator-MC21']!)).body;
    expect(baton).toMatchObject({
      holder: null,
      inScope: false,
      ended: { reason: 'melding-ingetrokken', closeReason: 'onterecht-gemeld', on: '2026-09-01', by: { id: 'rmc:MC21' } },
    });
    const cancelled = await eventually(() => onBusAbout(vsvMeldingCancelled.type, subject)[0]);
    expect(cancelled.data).toMatchObject({ reason: 'onterecht-gemeld', uitschrijvingId: registered.data.uitschrijvingId });
    // The wrong melding's offer is void: withdrawn, so W&I can no longer accept it.
    expect((await call(`/overdrachten-uit/${offered.body.id}`, consulent)).body).toMatchObject({ status: 'ingetrokken' });
  });

  test('a correction to a startkwalificatie cancels the melding too', async () => {
    const subject = pseudonym();
    const { task, registered } = await taskFor(subject);
    await school.publish(correction(registered, { highestDiploma: 'mbo-2', hasStartkwalificatie: true }));
    const closed = await eventually(async () => {
      const t = (await call(`/taken/${task.id}`, tokens['consulent-MC21']!)).body;
      return t.status === 'gesloten' ? t : undefined;
    });
    expect(closed).toMatchObject({ closeReason: 'onterecht-gemeld', correcties: [{ outcome: 'geannuleerd' }] });

    // The school undoes its wrong correction: a vsv again, so the task opens again and holds the baton (else nobody would).
    await school.publish(
      correction(
        { ...registered, data: { ...registered.data, highestDiploma: 'mbo-2', hasStartkwalificatie: true } },
        {
          highestDiploma: 'vmbo-kb',
          hasStartkwalificatie: false,
        },
      ),
    );
    const reopened = await eventually(async () => {
      const t = (await call(`/taken/${task.id}`, tokens['consulent-MC21']!)).body;
      return t.status === 'nieuw' ? t : undefined;
    });
    expect(reopened).toMatchObject({ closeReason: null, correcties: [{ outcome: 'geannuleerd' }, { outcome: 'geopend' }] });
    const baton = await eventually(async () => {
      const b = (await call(`/baton/${subject}`, tokens['coordinator-MC21']!)).body;
      return b.inScope ? b : undefined;
    });
    expect(baton).toMatchObject({ holder: { id: 'rmc:MC21' }, ended: null });
  });

  test('a new deregistration date recomputes the grace period and the first-contact due date, and re-arms the timer', async () => {
    const subject = pseudonym();
    const { task, registered } = await taskFor(subject);
    expect(task).toMatchObject({ registrationDate: '2026-09-01', gracePeriodEndDate: '2026-09-30', firstContactDueDate: '2026-09-15' });
    // Monday 7 September: ten RMC working days later is Monday 21 September; thirty days later 7 October.
    await school.publish(correction(registered, { dateOfDeregistration: '2026-09-07' }));
    const recomputed = await eventually(async () => {
      const t = await inWorklist('MC21', subject);
      return t?.firstContactDueDate !== '2026-09-15' ? t : undefined;
    });
    expect(recomputed).toMatchObject({ region: 'MC21', gracePeriodEndDate: '2026-10-07', firstContactDueDate: '2026-09-21' });
    const [timer] = await sql<{ due_at: Date; fired_at: Date | null }>(
      rmc.db.url,
      "SELECT due_at, fired_at FROM timer WHERE taak_id = $1 AND kind = 'first-contact-due'",
      [task.id],
    );
    // The end of 21 September in Amsterdam (CEST).
    expect(timer).toEqual({ due_at: new Date('2026-09-21T22:00:00Z'), fired_at: null });

    // After the old deadline the task is not late; after the new one it is escalated.
    const timers = rmc.app.get(FireDueTimers);
    await timers.run(new Date('2026-09-16T08:00:00Z'));
    expect((await call(`/taken/${task.id}`, tokens['consulent-MC21']!)).body).toMatchObject({ escalatedAt: null });
    await timers.run(new Date('2026-09-22T08:00:00Z'));
    expect((await call(`/taken/${task.id}`, tokens['consulent-MC21']!)).body.escalatedAt).toBe('2026-09-22T08:00:00.000Z');
  });

  test('a leaver corrected into a vsv (no diploma after all) gets a task', async () => {
    const subject = pseudonym();
    const registered = uitschrijving(subject, { date: '2026-08-31', diploma: 'havo', startkwalificatie: true }) as CloudEvent<Json>;
    await school.publish(registered);
    await school.publish(correction(registered, { highestDiploma: 'vmbo-gt', hasStartkwalificatie: false }));
    const opened = await eventually(() => inWorklist('MC21', subject));
    const detail = (await call(`/taken/${opened.id}`, tokens['consulent-MC21']!)).body;
    expect(detail).toMatchObject({
      status: 'nieuw',
      correcties: [{ outcome: 'geopend', changes: { highestDiploma: { from: 'havo', to: 'vmbo-gt' } } }],
    });
  });
});
