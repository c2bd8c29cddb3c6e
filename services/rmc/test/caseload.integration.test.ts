import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { eventually, sql } from '@estafette/testing';
import { randomUUID } from 'node:crypto';
import { FireDueTimers } from '../src/application/fire-due-timers.js';
import { pseudonym, startRmcOnClock, uitschrijving, type RmcOnClock } from './support.js';

// Response bodies are read loosely: the assertions below say what they must contain.
type Json = Record<string, any>;

/**
 * The coordinator's caseload and bulk toewijzing on the real broker and database, with an injected clock. Tasks come
 * from uitschrijvingen on the bus; expected due dates and counts are written by hand. The tests run in order on one
 * database: the counts first, then the bulk toewijzing on tasks of its own.
 */
describe("the coordinator's caseload and bulk toewijzing", () => {
  // 10:00 on Tuesday 1 September 2026, Amsterdam. Deregistered the day before, a task's first contact is due ten working
  // days after 1 September: Tuesday 15 September (MC21's default).
  let now = new Date('2026-09-01T08:00:00Z');
  let world: RmcOnClock;
  let rmc: RmcOnClock['rmc'];
  let school: RmcOnClock['bus'];
  const token: Record<'coordinator' | 'consulent' | 'coordinator29' | 'ops', string> = {} as never;

  beforeAll(async () => {
    world = await startRmcOnClock('rmccaseload', () => now);
    ({ rmc, bus: school } = world);
    token.coordinator = await world.staff('rmc-coordinator', 'MC21', 'coordinator-21');
    token.consulent = await world.staff('rmc-consulent', 'MC21', 'consulent-a');
    token.coordinator29 = await world.staff('rmc-coordinator', 'MC29', 'coordinator-29');
    token.ops = await world.issuer.issueToken({ role: 'ops', organisationType: 'platform', organisationId: 'oin:00000001234567890000' });
  });

  afterAll(async () => {
    await world?.close();
  });

  async function call(method: string, path: string, body?: unknown, as = token.coordinator): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${rmc.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${as}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  /** `n` tasks, deregistered yesterday in `municipality` (GM0363 Amsterdam: MC21, GM0599 Rotterdam: MC29); their ids. */
  async function tasks(n: number, municipality = 'GM0363'): Promise<string[]> {
    const subjects = Array.from({ length: n }, () => pseudonym());
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    await Promise.all(subjects.map((s) => school.publish(uitschrijving(s, { date: yesterday, municipality }))));
    const rows = await eventually(
      () =>
        sql<{ id: string; ref: string }>(
          rmc.db.url,
          'SELECT id, pseudonymous_reference AS ref FROM taak WHERE pseudonymous_reference = ANY($1)',
          [subjects],
        ),
      (found) => found.length === n,
    );
    return subjects.map((s) => rows.find((r) => r.ref === s)!.id);
  }

  async function assign(ids: string[], assignee: string) {
    for (const id of ids) expect((await call('POST', `/taken/${id}/toewijzing`, { assignee })).status).toBe(201);
  }

  const contact = (id: string, kind: 'contact' | 'poging', outcome = kind === 'contact' ? 'bereikt' : 'niet-bereikt') =>
    call('POST', `/taken/${id}/contactmomenten`, { kind, channel: 'telefoon', outcome }, token.consulent);

  const row = (body: Json, consulent: string) => body.items.find((r: Json) => r.consulent === consulent);

  test('counts per consulent match the setup, the most overdue first; overdue from the day after the due date', async () => {
    // On 1 September: A has two tasks (contact made on one), B two (one out of sight after three failed attempts), two
    // tasks have nobody, and C one that is closed (not counted).
    const [a1, a2, b1, b2, u1, u2, closed] = await tasks(7);
    await assign([a1!, a2!], 'consulent-a');
    await assign([b1!, b2!], 'consulent-b');
    await assign([closed!], 'consulent-c');
    expect((await contact(a1!, 'contact')).status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await contact(b1!, 'poging')).status).toBe(201);
    expect((await call('POST', `/taken/${closed}/sluiting`, { reason: 'emigratie' }, token.consulent)).status).toBe(201);
    expect((await call('GET', `/taken/${a2}`)).body.firstContactDueDate).toBe('2026-09-15');

    // 23:59 on 15 September, the last day in time: nothing overdue yet.
    now = new Date('2026-09-15T21:59:00Z');
    let caseload = (await call('GET', '/caseload')).body;
    expect(caseload).toMatchObject({ region: 'MC21', today: '2026-09-15', total: 2 });
    expect(row(caseload, 'consulent-a')).toMatchObject({ open: 2, overdueFirstContacts: 0, escalated: 0 });
    expect(row(caseload, 'consulent-c')).toBeUndefined();

    // 10:00 on Wednesday 16 September: the timers have fired. C gets four new tasks (due 30 September), B one.
    now = new Date('2026-09-16T08:00:00Z');
    expect(await rmc.app.get(FireDueTimers).run()).toBe(5);
    const [b3, ...c] = await tasks(5);
    await assign([b3!], 'consulent-b');
    await assign(c, 'consulent-c');

    caseload = (await call('GET', '/caseload')).body;
    expect(caseload).toMatchObject({ region: 'MC21', today: '2026-09-16', total: 3, page: 1 });
    // B (2 overdue) before A (1 overdue) before C (4 open, none overdue): alphabetical order would be A, B, C.
    expect(caseload.items).toEqual([
      {
        region: 'MC21',
        regionName: 'Agglomeratie Amsterdam',
        consulent: 'consulent-b',
        open: 3,
        overdueFirstContacts: 2,
        periodicContactOverdue: 0,
        escalated: 2,
        buitenBeeld: 1,
      },
      expect.objectContaining({ consulent: 'consulent-a', open: 2, overdueFirstContacts: 1, escalated: 1, buitenBeeld: 0 }),
      expect.objectContaining({ consulent: 'consulent-c', open: 4, overdueFirstContacts: 0, escalated: 0, buitenBeeld: 0 }),
    ]);
    expect(caseload.unassigned).toEqual({ open: 2, overdueFirstContacts: 2, periodicContactOverdue: 0, escalated: 2, buitenBeeld: 0 });

    // Paginated like the worklist.
    const second = (await call('GET', '/caseload?page=2&pageSize=2')).body;
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(second.items.map((r: Json) => r.consulent)).toEqual(['consulent-c']);

    // One consulent's tasks, overdue first; and the tasks nobody has.
    const ofB = (await call('GET', '/caseload/taken?assignedTo=consulent-b')).body;
    expect(ofB.items.map((t: Json) => [t.id, t.overdue])).toEqual([...[b1, b2].sort().map((id) => [id, true]), [b3, false]]);
    expect(ofB.items[2]).toMatchObject({ status: 'toegewezen', firstContactDueDate: '2026-09-30', municipalityName: 'Amsterdam' });
    const nobody = (await call('GET', '/caseload/taken?unassigned=true')).body;
    expect(nobody.items.map((t: Json) => t.id).sort()).toEqual([u1, u2].sort());

    // Three months after A's contact (the region's period) without another, the periodic contact is too late: A's count.
    now = new Date('2026-12-16T08:00:00Z');
    await rmc.app.get(FireDueTimers).run();
    caseload = (await call('GET', '/caseload')).body;
    expect(row(caseload, 'consulent-a')).toMatchObject({ periodicContactOverdue: 1 });
    expect(row(caseload, 'consulent-b')).toMatchObject({ periodicContactOverdue: 0 });
  });

  describe('bulk toewijzing of 50 tasks', () => {
    let fifty: string[];
    let elsewhere: string;

    beforeAll(async () => {
      fifty = await tasks(50);
      [elsewhere] = await tasks(1, 'GM0599');
      // Ten of them had a consulent before: the log keeps who.
      await assign(fifty.slice(0, 10), 'consulent-x');
    });

    const logRows = (ids: string[]) =>
      sql<{
        id: string;
        taak_id: string;
        from_assignee: string | null;
        to_assignee: string;
        assigned_by: string;
        at: Date;
        transaction_id: string;
      }>(rmc.db.url, 'SELECT * FROM toewijzing_log WHERE taak_id = ANY($1)', [ids]);

    test('one id of another region: 404 naming it, nothing changes and nothing is logged', async () => {
      const refused = await call('POST', '/caseload/toewijzing', { taakIds: [...fifty.slice(0, 49), elsewhere], assignee: 'consulent-z' });
      expect(refused.status).toBe(404);
      expect(refused.body.refused).toEqual([{ taakId: elsewhere, reason: 'niet-in-regio' }]);
      expect(refused.body.message).toContain(`${elsewhere}: no task in your region`);
      expect(await logRows([...fifty, elsewhere])).toEqual([]);
      expect((await call('GET', '/caseload/taken?assignedTo=consulent-z')).body.total).toBe(0);
      expect((await call('GET', '/caseload/taken?assignedTo=consulent-x')).body.total).toBe(10);
    });

    test('one closed task: 409 naming it, nothing changes', async () => {
      const [gone] = await tasks(1);
      await call('POST', `/taken/${gone}/sluiting`, { reason: 'emigratie' }, token.consulent);
      const refused = await call('POST', '/caseload/toewijzing', { taakIds: [gone, ...fifty.slice(0, 49)], assignee: 'consulent-z' });
      expect(refused.status).toBe(409);
      expect(refused.body.refused).toEqual([{ taakId: gone, reason: 'niet-open', status: 'gesloten' }]);
      expect(await logRows([...fifty, gone!])).toEqual([]);
    });

    test('the request is checked before anything: at most 200 ids, each once, each a UUID, an assignee', async () => {
      const tooMany = Array.from({ length: 201 }, () => randomUUID());
      const cases: [unknown, string][] = [
        [{ taakIds: tooMany, assignee: 'k' }, 'taakIds may name at most 200 tasks'],
        [{ taakIds: [], assignee: 'k' }, 'taakIds must name at least 1 task'],
        [{ taakIds: [fifty[0], fifty[0]], assignee: 'k' }, 'taakIds must not name a task twice'],
        [{ taakIds: ['nope'], assignee: 'k' }, 'each of taakIds must be a UUID'],
        [{ taakIds: [fifty[0]] }, 'assignee'],
      ];
      for (const [body, reason] of cases) {
        const res = await call('POST', '/caseload/toewijzing', body);
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body.errors)).toContain(reason);
      }
    });

    test('the consulent gets 403 on the caseload and the toewijzing', async () => {
      expect((await call('GET', '/caseload', undefined, token.consulent)).status).toBe(403);
      expect((await call('GET', '/caseload/taken', undefined, token.consulent)).status).toBe(403);
      const res = await call('POST', '/caseload/toewijzing', { taakIds: fifty, assignee: 'consulent-a' }, token.consulent);
      expect(res.status).toBe(403);
      expect(await logRows(fifty)).toEqual([]);
    });

    test('another region: its coordinator sees none of them and cannot move them; ops sees both regions', async () => {
      const own = (await call('GET', '/caseload/taken?pageSize=500', undefined, token.coordinator29)).body;
      expect(own.items.map((t: Json) => t.id)).toEqual([elsewhere]);
      const caseload = (await call('GET', '/caseload', undefined, token.coordinator29)).body;
      expect(caseload).toMatchObject({ region: 'MC29', items: [], total: 0, unassigned: { open: 1 } });
      expect((await call('GET', '/caseload?region=MC21', undefined, token.coordinator29)).status).toBe(403);
      const moved = await call(
        'POST',
        '/caseload/toewijzing',
        { taakIds: fifty.slice(0, 3), assignee: 'consulent-29' },
        token.coordinator29,
      );
      expect(moved.status).toBe(404);
      expect(moved.body.refused.map((r: Json) => r.taakId)).toEqual(fifty.slice(0, 3));

      const all = (await call('GET', '/caseload?pageSize=500', undefined, token.ops)).body;
      expect(all.region).toBeNull();
      expect(all.unassigned.open).toBeGreaterThan(caseload.unassigned.open);
      expect(row(all, 'consulent-x')).toMatchObject({ region: 'MC21', open: 10 });
      const mc29 = (await call('GET', '/caseload?region=MC29', undefined, token.ops)).body;
      expect(mc29).toMatchObject({ region: 'MC29', total: 0, unassigned: { open: 1 } });
      expect((await call('POST', '/caseload/toewijzing', { taakIds: [elsewhere], assignee: 'k' }, token.ops)).status).toBe(403);
    });

    test('all 50 in one request: one transaction, 50 log lines, every task with the new consulent', async () => {
      now = new Date('2026-09-17T07:30:00Z');
      const res = await call('POST', '/caseload/toewijzing', { taakIds: fifty, assignee: 'consulent-z' });
      expect(res.status).toBe(201);
      expect(res.body.count).toBe(50);
      expect(new Set(res.body.logIds).size).toBe(50);

      const log = await logRows(fifty);
      expect(log).toHaveLength(50);
      expect(log.map((l) => l.id).sort()).toEqual([...res.body.logIds].sort());
      // In the order of the request, one line per task.
      expect(res.body.logIds.map((id: string) => log.find((l) => l.id === id)!.taak_id)).toEqual(fifty);
      expect(new Set(log.map((l) => l.transaction_id)).size).toBe(1);
      expect(
        log
          .filter((l) => l.from_assignee === 'consulent-x')
          .map((l) => l.taak_id)
          .sort(),
      ).toEqual(fifty.slice(0, 10).sort());
      expect(log.filter((l) => l.from_assignee === null)).toHaveLength(40);
      for (const line of log) {
        expect(line).toMatchObject({ to_assignee: 'consulent-z', assigned_by: 'coordinator-21' });
        expect(line.at.toISOString()).toBe('2026-09-17T07:30:00.000Z');
      }

      // The same request again (ids in upper case, as another system may write them): nothing changes, nothing is logged.
      const again = await call('POST', '/caseload/toewijzing', { taakIds: fifty.map((id) => id.toUpperCase()), assignee: 'consulent-z' });
      expect(again).toMatchObject({ status: 201, body: { count: 0, logIds: [] } });
      expect(await logRows(fifty)).toHaveLength(50);

      const ofZ = (await call('GET', '/caseload/taken?assignedTo=consulent-z&pageSize=100')).body;
      expect(ofZ.total).toBe(50);
      expect(new Set(ofZ.items.map((t: Json) => t.status))).toEqual(new Set(['toegewezen']));
      expect(row((await call('GET', '/caseload')).body, 'consulent-x')).toBeUndefined();
      expect(row((await call('GET', '/caseload')).body, 'consulent-z')).toMatchObject({ open: 50, overdueFirstContacts: 0 });

      // The log is append-only, even for the service's own database user.
      await expect(sql(rmc.db.url, "UPDATE toewijzing_log SET to_assignee = 'someone-else'")).rejects.toThrow('append-only');
    });
  });
});
