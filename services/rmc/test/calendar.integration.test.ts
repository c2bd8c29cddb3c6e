import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { buildRouter } from '@estafette/contracts';
import { eventually, sql } from '@estafette/testing';
import { FireDueTimers } from '../src/application/fire-due-timers.js';
import { pseudonym, regionMap, startRmcOnClock, uitschrijving, type RmcOnClock } from './support.js';

// Response bodies are read loosely: the assertions below say what they must contain.
type Json = Record<string, any>;

/**
 * Every "today", due date and answer deadline is an Amsterdam calendar date: the RMC runs on an injected clock set
 * to moments where the UTC date is another day (00:30 after a DST change), or where 5 May lies inside the term.
 * The expected dates are written out by hand (counted on a calendar), not recomputed with the code under test.
 */
describe('RMC deadlines on the Amsterdam calendar, with an injected clock, against a real broker and database', () => {
  const region = buildRouter(regionMap).route('GM0363', '2026-03-30')!.code;
  const wi = { organisationType: 'werk-inkomen', id: 'gemeente:GM0363' };
  const school = { organisationType: 'school', id: 'brin:25XY' };
  let now = new Date('2026-03-29T22:30:00Z');
  let world: RmcOnClock;
  let rmc: RmcOnClock['rmc'];
  let bus: RmcOnClock['bus'];
  let consulent: string;

  beforeAll(async () => {
    world = await startRmcOnClock('rmccalendar', () => now);
    ({ rmc, bus } = world);
    consulent = await world.staff('rmc-consulent', region, 'consulent-kalender');
  });

  afterAll(async () => {
    await world?.close();
  });

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${rmc.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${consulent}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  /** A vsv leaver deregistered on `deregisteredOn` becomes a task at the RMC's "now". */
  async function taskFor(deregisteredOn: string): Promise<Json> {
    const subject = pseudonym();
    await bus.publish(uitschrijving(subject, { date: deregisteredOn }));
    return eventually(async () =>
      (await call('GET', '/taken?pageSize=500')).body.items.find((t: Json) => t.pseudonymousReference === subject),
    );
  }

  async function firstContactTimer(taakId: string): Promise<string> {
    const [timer] = await sql<{ due_at: Date }>(rmc.db.url, "SELECT due_at FROM timer WHERE taak_id = $1 AND kind = 'first-contact-due'", [
      taakId,
    ]);
    return timer!.due_at.toISOString();
  }

  async function offer(taakId: string, to: object): Promise<Json> {
    const contact = await call('POST', `/taken/${taakId}/contactmomenten`, { kind: 'contact', channel: 'telefoon', outcome: 'bereikt' });
    expect(contact.status).toBe(201);
    const offered = await call('POST', `/taken/${taakId}/overdrachten`, {
      to,
      purpose: 'werk',
      reason: 'school-geen-optie',
      contactPerson: 'J. de Vries',
    });
    expect(offered.status).toBe(201);
    return offered.body;
  }

  test('00:30 on Monday 30 March 2026 (the day after the spring change; UTC still says Sunday): every date counts from Monday', async () => {
    now = new Date('2026-03-29T22:30:00Z');
    const contacted = await taskFor('2026-03-27');
    // Ten RMC working days from Monday 30 March: Good Friday counts, Easter Monday 6 April does not.
    expect(contacted).toMatchObject({ registrationDate: '2026-03-30', firstContactDueDate: '2026-04-14', overdue: false });
    expect(await firstContactTimer(contacted.id)).toBe('2026-04-14T22:00:00.000Z'); // the end of 14 April, Amsterdam summer time

    // Five working days of W&I (the receiver): 31 March, 1, 2, 3 and 7 April. From the UTC date (Sunday) it would be 3 April.
    const handover = await offer(contacted.id, wi);
    expect(handover).toMatchObject({ responseDueAt: '2026-04-07T22:00:00.000Z', responseDueOn: '2026-04-07' });
    const [stored] = await sql<{ due_at: Date }>(rmc.db.url, 'SELECT due_at FROM uitgaande_overdracht WHERE id = $1', [handover.id]);
    expect(stored!.due_at.toISOString()).toBe('2026-04-07T22:00:00.000Z');
    expect((await call('GET', `/overdrachten-uit/${handover.id}`)).body).toMatchObject({ responseDueOn: '2026-04-07' });
  });

  test('the first contact is late from Amsterdam midnight ending its due date, not a minute before', async () => {
    now = new Date('2026-03-29T22:30:00Z');
    const waiting = await taskFor('2026-03-30');
    expect(waiting.firstContactDueDate).toBe('2026-04-14');
    const timers = rmc.app.get(FireDueTimers);

    now = new Date('2026-04-14T21:59:00Z'); // 23:59 on 14 April
    await timers.run();
    expect((await call('GET', `/taken/${waiting.id}`)).body).toMatchObject({ overdue: false, escalatedAt: null });
    expect((await call('GET', '/taken?overdue=true&pageSize=500')).body.items.map((t: Json) => t.id)).not.toContain(waiting.id);

    now = new Date('2026-04-14T22:00:00Z'); // 00:00 on 15 April
    await timers.run();
    const late = (await call('GET', `/taken/${waiting.id}`)).body;
    expect(late.overdue).toBe(true);
    expect(late.escalatedAt).toBe('2026-04-14T22:00:00.000Z');
    expect((await call('GET', '/taken?overdue=true&pageSize=500')).body.items.map((t: Json) => t.id)).toContain(waiting.id);
  });

  test('00:30 on Monday 26 October 2026 (the day after the autumn change): the task and the offer count from Monday', async () => {
    now = new Date('2026-10-25T23:30:00Z');
    const task = await taskFor('2026-10-23');
    expect(task).toMatchObject({ registrationDate: '2026-10-26', firstContactDueDate: '2026-11-09' });
    expect(await firstContactTimer(task.id)).toBe('2026-11-09T23:00:00.000Z'); // winter time: UTC+1
    const handover = await offer(task.id, wi);
    expect(handover).toMatchObject({ responseDueAt: '2026-11-02T23:00:00.000Z', responseDueOn: '2026-11-02' });
  });

  test("5 May 2026 is a day off for W&I (municipal) but not for the RMC or a school: each deadline counts its own organisation's days", async () => {
    now = new Date('2026-04-28T08:00:00Z'); // Tuesday 28 April, 10:00
    const task = await taskFor('2026-04-28');
    // The RMC's own deadline: 5 May is a working day (2026 is no lustrum year).
    expect(task.firstContactDueDate).toBe('2026-05-12');
    // To W&I: 29, 30 April, 1, 4 and 6 May (5 May off).
    const toWi = await offer(task.id, wi);
    expect(toWi).toMatchObject({ responseDueOn: '2026-05-06', responseDueAt: '2026-05-06T22:00:00.000Z' });
    const withdrawn = await call('POST', `/taken/${task.id}/overdrachten/${toWi.id}/intrekking`, { reason: 'verkeerde-ontvanger' });
    expect(withdrawn.status).toBe(201);
    // To a school: 29, 30 April, 1, 4 and 5 May.
    const toSchool = await call('POST', `/taken/${task.id}/overdrachten`, {
      to: school,
      purpose: 'onderwijs',
      reason: 'terug-naar-onderwijs',
      contactPerson: 'J. de Vries',
    });
    expect(toSchool.status).toBe(201);
    expect(toSchool.body).toMatchObject({ responseDueOn: '2026-05-05', responseDueAt: '2026-05-05T22:00:00.000Z' });
  });
});
