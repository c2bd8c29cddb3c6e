import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { eventually, sql } from '@estafette/testing';
import { ACCESS_LOG_PERIOD, periodAsInterval, RetentionRunner, triggerPeriod } from '@estafette/privacy';
import { FireDueTimers } from '../src/application/fire-due-timers.js';
import { pseudonym, startRmcOnClock, uitschrijving, type RmcOnClock } from './support.js';

type Json = Record<string, any>;

/** Every table of the RMC's database with how many of its rows mention `subject` anywhere (the row as text). */
async function rowsMentioning(url: string, subject: string): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>(
    url,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
  );
  const found: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    // The access log keeps a line a year by the database clock (ACCESS_LOG_PERIOD); younger lines are its own category.
    const young = table === 'access_log' ? ` AND at < now() - interval '${periodAsInterval(ACCESS_LOG_PERIOD)}'` : '';
    const [{ n }] = await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM ${table} t WHERE t::text LIKE $1${young}`, [
      `%${subject}%`,
    ]);
    if (n > 0) found[table] = n;
  }
  return found;
}

const DOSSIER_TABLES = [
  'taak',
  'contact_moment',
  'timer',
  'notitie',
  'plan_van_aanpak_versie',
  'taak_correctie',
  'taak_herkomst',
  'toewijzing_log',
  'uitgaande_overdracht',
  'follow_up_check',
  'plaatsing',
  'verwijzing_herkomst',
  'verwijzing',
  'inschrijving_seen',
  'baton_event',
  'baton_holder',
];

async function rowCounts(url: string, tables: string[]): Promise<number> {
  let total = 0;
  for (const table of tables) total += (await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  return total;
}

/**
 * The RMC's bewaartermijn on the real broker and database with an injected clock: a young person who turned 23 on
 * 30 April 2027 is held through 30 April 2028 (the RMC's reporting year) and gone from every table on 1 May 2028; one who
 * turns 23 later stays. The audit line's counts equal the rows removed; a second run removes nothing and says 0.
 */
describe('rmc retention: nothing on a young person a year after 23', () => {
  let now = new Date('2027-01-04T09:00:00Z');
  let world: RmcOnClock;
  let rmc: RmcOnClock['rmc'];
  let consulent: string;
  let privacyOfficer: string;
  const turned23 = pseudonym();
  const stillYoung = pseudonym();

  beforeAll(async () => {
    world = await startRmcOnClock('rmcretention', () => now);
    rmc = world.rmc;
    consulent = await world.staff('rmc-consulent', 'MC21', 'consulent-retention');
    privacyOfficer = await world.issuer.issueToken({
      role: 'privacy-officer',
      organisationType: 'rmc',
      organisationId: 'rmc:MC21',
      sub: 'po',
    });
  });

  afterAll(async () => {
    await world?.close();
  });

  async function call(path: string, token: string, method = 'GET', body?: unknown): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${rmc.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  async function taskFor(subject: string, turns23On: string): Promise<Json> {
    await world.bus.publish(uitschrijving(subject, { date: '2027-01-04', age: 22, turns23On }));
    return eventually(async () =>
      (await call('/taken?pageSize=500', consulent)).body.items.find((t: Json) => t.pseudonymousReference === subject),
    );
  }

  test('the access log trigger allows removal after exactly the period in the table, and nothing else', async () => {
    expect(await triggerPeriod({ query: (text: string, params?: unknown[]) => sql(rmc.db.url, text, params) }, 'access_log')).toBe(
      periodAsInterval(ACCESS_LOG_PERIOD),
    );
    const insert = (at: string) =>
      sql<{ id: string }>(
        rmc.db.url,
        `INSERT INTO access_log (at, actor_subject, actor_role, subject, resource, basis)
         VALUES (${at}, 'x', 'rmc-consulent', 'trigger-test', 'taak/x', 'own-organisation') RETURNING id`,
      );
    const [young] = await insert('now()');
    await expect(sql(rmc.db.url, 'DELETE FROM access_log WHERE id = $1', [young!.id])).rejects.toThrow(/append-only/);
    await expect(sql(rmc.db.url, "UPDATE access_log SET basis = 'x' WHERE id = $1", [young!.id])).rejects.toThrow(/append-only/);
    // TRUNCATE is not even granted to the service's role; the table's owner, who may, meets the trigger.
    await expect(sql(rmc.db.url, 'TRUNCATE access_log')).rejects.toThrow(/permission denied/);
    await expect(sql(rmc.db.ownerUrl, 'TRUNCATE access_log')).rejects.toThrow(/append-only/);
    const [old] = await insert("now() - interval '1 year 1 day'");
    await expect(sql(rmc.db.url, "UPDATE access_log SET basis = 'x' WHERE id = $1", [old!.id])).rejects.toThrow(/append-only/);
    // A line past its period goes with the next run (below), not by hand here.
  });

  test('a young person a year after turning 23 is gone from every table; one who turns 23 later stays', async () => {
    const taak = await taskFor(turned23, '2027-04-30');
    await taskFor(stillYoung, '2029-03-14');
    expect(
      (await call(`/taken/${taak.id}/contactmomenten`, consulent, 'POST', { kind: 'contact', channel: 'telefoon', outcome: 'bereikt' }))
        .status,
    ).toBe(201);
    now = new Date('2027-04-29T22:30:00Z'); // 00:30 on 30 April, Amsterdam: 23 today, the RMC's part ends
    await rmc.app.get(FireDueTimers).run();
    const runner = rmc.app.get(RetentionRunner);

    // 30 April 2028: the last day of the RMC's reporting year after 23; everything stays.
    now = new Date('2028-04-30T10:00:00Z');
    await eventually(async () => {
      const [{ n }] = await sql<{ n: number }>(rmc.db.url, 'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
      return n === 0 || undefined;
    });
    const within = await runner.runNow();
    expect(within!.counts['rmc-dossier']).toBe(0);
    expect(within!.counts['access-log']).toBe(1); // the trigger test's line of a year and a day ago
    // A read of the task a year and more ago, as the access log keeps it.
    await sql(
      rmc.db.url,
      `INSERT INTO access_log (at, actor_subject, actor_role, actor_organisation_id, subject, resource, basis)
       VALUES (now() - interval '13 months', 'consulent-retention', 'rmc-consulent', 'rmc:MC21', $1, $2, 'own-organisation')`,
      [turned23, `taak/${taak.id}`],
    );
    expect(Object.keys(await rowsMentioning(rmc.db.url, turned23))).toEqual(expect.arrayContaining(['taak', 'baton_holder']));

    // 1 May 2028: past. Every row of the dossier, the published outbox and the old access log line go, and the counts say so.
    now = new Date('2028-05-01T10:00:00Z');
    const dossierBefore = await rowCounts(rmc.db.url, DOSSIER_TABLES);
    const outboxBefore = await rowCounts(rmc.db.url, ['outbox']);
    const logBefore = await rowCounts(rmc.db.url, ['access_log']);
    const past = await runner.runNow();
    expect(past!.counts['rmc-dossier']).toBeGreaterThan(3);
    expect(past!.counts['rmc-dossier']).toBe(dossierBefore - (await rowCounts(rmc.db.url, DOSSIER_TABLES)));
    expect(past!.counts.outbox).toBe(outboxBefore - (await rowCounts(rmc.db.url, ['outbox'])));
    expect(past!.counts['access-log']).toBe(logBefore - (await rowCounts(rmc.db.url, ['access_log'])));
    expect(past!.counts['access-log']).toBe(1); // the read of 13 months ago
    expect(await rowsMentioning(rmc.db.url, turned23)).toEqual({});
    expect(await rowsMentioning(rmc.db.url, stillYoung)).toMatchObject({ taak: 1, baton_holder: 1 });

    // Again: nothing left to remove, and the audit line says 0 for every category.
    const again = await runner.runNow();
    expect(again!.counts).toEqual({ 'rmc-dossier': 0, verwijdering: 0, 'access-log': 0, outbox: 0 });
  });

  test('the runs are audited newest first for the privacy officer and ops, with counts only; the policy is readable', async () => {
    const runs = await call('/retention/runs?pageSize=2', privacyOfficer);
    expect(runs.status).toBe(200);
    expect(runs.body.total).toBe(3);
    expect(runs.body.items).toHaveLength(2);
    expect(runs.body.items[0].counts).toEqual({ 'rmc-dossier': 0, verwijdering: 0, 'access-log': 0, outbox: 0 });
    expect(runs.body.items[1].counts['rmc-dossier']).toBeGreaterThan(0);
    expect(JSON.stringify(runs.body)).not.toContain(turned23);
    const policy = await call('/retention/policy', privacyOfficer);
    expect(policy.body.version).toBe(runs.body.items[0].policy);
    expect(policy.body.bewaartermijnen.map((r: Json) => r.category)).toEqual(['rmc-dossier', 'verwijdering', 'access-log', 'outbox']);
    expect((await call('/retention/runs', consulent)).status).toBe(403);
    // A run is a line nobody changes or removes.
    await expect(sql(rmc.db.url, 'DELETE FROM retention_run')).rejects.toThrow(/append-only/);
  });

  test('the daily job runs once a day by the service clock, and one of two instances at a time', async () => {
    const runner = rmc.app.get(RetentionRunner);
    expect(await runner.runIfDue()).toBeNull(); // 1 May 2028 already ran
    now = new Date('2028-05-02T10:00:00Z');
    const [first, second] = await Promise.all([runner.runIfDue(), runner.runIfDue()]);
    expect([first, second].filter((r) => r !== null)).toHaveLength(1);
    expect(await runner.runIfDue()).toBeNull();
  });
});
