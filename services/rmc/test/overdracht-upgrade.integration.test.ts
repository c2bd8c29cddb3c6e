import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { accessLogMigrations } from '@estafette/auth';
import { messagingMigrations } from '@estafette/messaging';
import { OfferOverdracht } from '@estafette/receiver';
import {
  createTestDatabase,
  provisionTestTopics,
  sql,
  startTestIssuer,
  uniqueTopicPrefix,
  type TestDatabase,
  type TestIssuer,
  serviceKafka,
} from '@estafette/testing';
import { createRmcApp } from '../src/create-rmc-app.js';
import { rmcMigrationsBeforeSharedSender } from '../src/persistence/migrations/index.js';
import { pseudonym, rmcSettings } from './support.js';

type Json = Record<string, any>;

/** A task as the old version wrote it (only what the offers need). */
async function oldTaak(url: string, subject: string): Promise<string> {
  const id = randomUUID();
  await sql(
    url,
    `INSERT INTO taak (id, pseudonymous_reference, region, team, uitschrijving_id, school_id, municipality, age_at_registration,
      registration_date, grace_period_end_date, first_contact_due_date, status)
    VALUES ($1, $2, 'MC21', 'team', $3, 'school:25XY', 'GM0363', 17, current_date, current_date, current_date, 'in-contact')`,
    [id, subject, randomUUID()],
  );
  return id;
}

/** An offer and its timer as the old RMC sender wrote them. */
async function oldOffer(
  url: string,
  taakId: string,
  subject: string,
  row: { status: string; dueAt: string; responseDueAt: string; firedAt: string | null; placed?: boolean },
) {
  const id = randomUUID();
  await sql(
    url,
    `INSERT INTO overdracht (id, taak_id, pseudonymous_reference, region, to_type, to_id, purpose, handover_reason, contact_person,
      response_due_at, status, answer_reason, escalated_at, plaatsing_id, placement_type, follow_up_checks, offered_by, created_at)
    VALUES ($1, $2, $3, 'MC21', 'werk-inkomen', 'gemeente:GM0363', 'werk', 'school-geen-optie', 'J. de Vries',
      $4, $5, $6, $7, $8, $9, $10, 'consulent-a',
      '2026-10-01T09:00:00Z')`,
    [
      id,
      taakId,
      subject,
      row.responseDueAt,
      row.status,
      row.status === 'ingetrokken' ? 'niet-meer-nodig' : null,
      null,
      row.placed ? randomUUID() : null,
      row.placed ? 'leerbaan' : null,
      row.placed ? JSON.stringify([{ checkType: 'na-2-maanden', dueDate: '2027-02-01', outcome: 'nog-geplaatst' }]) : null,
    ],
  );
  await sql(url, 'INSERT INTO overdracht_timer (overdracht_id, due_at, fired_at) VALUES ($1, $2, $3)', [id, row.dueAt, row.firedAt]);
  return id;
}

describe('an RMC database written by the old sender upgrades in place into the shared offer table', () => {
  const prefix = uniqueTopicPrefix();
  let db: TestDatabase;
  let issuer: TestIssuer;
  let app: INestApplication;
  let consulent: string;
  const subject = pseudonym();
  const past = new Date(Date.now() - 60_000).toISOString();
  const ahead = new Date(Date.now() + 5 * 86_400_000).toISOString();
  const ids: Record<'open' | 'placed' | 'withdrawn', string> = { open: '', placed: '', withdrawn: '' };
  let taakId = '';

  beforeAll(async () => {
    await provisionTestTopics(prefix);
    db = await createTestDatabase('rmcupgrade');
    const old = new DataSource({
      type: 'postgres',
      url: db.ownerUrl, // the old version's migrations, as its owner ran them
      migrations: [...messagingMigrations, ...accessLogMigrations, ...rmcMigrationsBeforeSharedSender],
    });
    await old.initialize();
    await old.runMigrations();
    await old.destroy();
    taakId = await oldTaak(db.url, subject);
    // Open with its timer due (the deadline in the offer still ahead), placed with its follow-up, withdrawn after its timer fired.
    ids.open = await oldOffer(db.url, taakId, subject, { status: 'aangeboden', dueAt: past, responseDueAt: ahead, firedAt: null });
    ids.placed = await oldOffer(db.url, taakId, subject, {
      status: 'geplaatst',
      dueAt: past,
      responseDueAt: past,
      firedAt: past,
      placed: true,
    });
    ids.withdrawn = await oldOffer(db.url, taakId, subject, { status: 'ingetrokken', dueAt: ahead, responseDueAt: ahead, firedAt: null });

    issuer = await startTestIssuer();
    consulent = await issuer.issueToken({
      role: 'rmc-consulent',
      organisationType: 'rmc',
      organisationId: 'rmc:MC21',
      sub: 'consulent-a',
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
      },
      rmcSettings(60 * 60_000),
      false,
    );
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await issuer?.close();
    await db?.drop();
  });

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${await app.getUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${consulent}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  test('every row keeps its history, and the old tables are gone', async () => {
    const [tables] = await sql<{ overdracht: string | null; timer: string | null }>(
      db.url,
      "SELECT to_regclass('overdracht') AS overdracht, to_regclass('overdracht_timer') AS timer",
    );
    expect(tables).toEqual({ overdracht: null, timer: null });
    const rows = await sql<Json>(db.url, 'SELECT * FROM uitgaande_overdracht ORDER BY status');
    expect(rows).toHaveLength(3);
    for (const row of rows)
      expect(row).toMatchObject({
        organisation_id: 'rmc:MC21',
        local_ref: taakId,
        pseudonymous_reference: subject,
        to_type: 'werk-inkomen',
        contact_person: 'J. de Vries',
        offered_by: 'consulent-a',
      });
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    expect(byId.get(ids.open)).toMatchObject({ status: 'aangeboden', fired_at: null });
    expect(byId.get(ids.open)!.due_at.toISOString()).toBe(past);
    expect(byId.get(ids.open)!.response_due_at.toISOString()).toBe(ahead);
    expect(byId.get(ids.placed)).toMatchObject({
      status: 'geplaatst',
      placement_type: 'leerbaan',
      follow_up_checks: [{ checkType: 'na-2-maanden', dueDate: '2027-02-01', outcome: 'nog-geplaatst' }],
    });
    expect(byId.get(ids.placed)!.fired_at.toISOString()).toBe(past);
    expect(byId.get(ids.withdrawn)).toMatchObject({ status: 'ingetrokken', answer_reason: 'niet-meer-nodig' });
  });

  test('the moved offers are usable: listed on the task, the due one expires once, a closed one stays closed', async () => {
    const listed = (await call('GET', `/taken/${taakId}/overdrachten`)).body.items;
    expect(listed.map((o: Json) => [o.id, o.status]).sort()).toEqual(
      [
        [ids.open, 'aangeboden'],
        [ids.placed, 'geplaatst'],
        [ids.withdrawn, 'ingetrokken'],
      ].sort(),
    );
    expect(listed.find((o: Json) => o.id === ids.open)).toMatchObject({
      taakId,
      to: { organisationType: 'werk-inkomen', id: 'gemeente:GM0363' },
      responseDueAt: ahead,
    });

    // Only the open offer's timer is due and unfired: the placed one fired before the upgrade and never fires again.
    expect(await app.get(OfferOverdracht).expireDue()).toBe(1);
    expect(await app.get(OfferOverdracht).expireDue()).toBe(0);
    const expired = await sql<{ event: Json }>(db.url, "SELECT event FROM outbox WHERE type LIKE '%overdracht.expired%'");
    expect(expired.map((r) => r.event.data.overdrachtId)).toEqual([ids.open]);
    expect(expired[0]!.event.data).toMatchObject({
      from: { organisationType: 'rmc', id: 'rmc:MC21' },
      responseDueAt: ahead,
      escalatedTo: [{ organisationType: 'rmc', id: 'rmc:MC21' }],
    });
    expect(expired[0]!.event.source).toBe('urn:nld:rmc:MC21:estafette-rmc');

    expect((await call('POST', `/taken/${taakId}/overdrachten/${ids.withdrawn}/intrekking`, { reason: 'niet-meer-nodig' })).status).toBe(
      409,
    );
    const escalated = (await call('GET', '/overdrachten-uit?escalated=true')).body.items;
    expect(escalated.map((o: Json) => o.id)).toEqual([ids.open]);
  });
});
