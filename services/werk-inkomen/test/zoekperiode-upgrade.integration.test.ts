import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { accessLogMigrations } from '@estafette/auth';
import { messagingMigrations } from '@estafette/messaging';
import { CreateReceiver1767600000000 } from '@estafette/receiver';
import { pseudonym, sql, startServiceUnderTest, type ServiceUnderTest } from '@estafette/testing';
import { createWerkInkomenApp } from '../src/create-werk-inkomen-app.js';

/** A verwijzing as the old version stored it, the zoekperiode in the shared table's own columns. */
async function oldVerwijzing(url: string, zoekperiode: { endDate: string | null; waiver: string | null }): Promise<string> {
  const id = randomUUID();
  await sql(
    url,
    `INSERT INTO verwijzing (overdracht_id, organisation_id, pseudonymous_reference, from_type, from_id, purpose, handover_reason,
       response_due_at, age_at_offer, municipality, status, zoekperiode_end_date, zoekperiode_waiver)
     VALUES ($1, 'gemeente:GM0344', $2, 'rmc', 'rmc:MC19', 'werk', 'school-geen-optie', now(), 19, 'GM0344', 'geaccepteerd', $3, $4)`,
    [id, pseudonym(), zoekperiode.endDate, zoekperiode.waiver],
  );
  return id;
}

describe("a W&I database of the old version keeps every zoekperiode when it moves to W&I's own table", () => {
  let wi: ServiceUnderTest<INestApplication>;
  const ids = { started: '', waived: '', none: '' };

  beforeAll(async () => {
    wi = await startServiceUnderTest('werkinkomenupgrade', async (config) => {
      const migrations = [...messagingMigrations, ...accessLogMigrations, CreateReceiver1767600000000];
      const old = new DataSource({ type: 'postgres', url: config.migrationUrl, migrations }); // as the owner
      await old.initialize();
      await old.runMigrations();
      await old.destroy();
      ids.started = await oldVerwijzing(config.databaseUrl, { endDate: '2026-11-30', waiver: null });
      ids.waived = await oldVerwijzing(config.databaseUrl, { endDate: null, waiver: 'dakloos' });
      ids.none = await oldVerwijzing(config.databaseUrl, { endDate: null, waiver: null });
      return createWerkInkomenApp(config, { timerIntervalMs: 60 * 60_000, publicUrl: 'http://receiver.test' }, false);
    });
  });
  afterAll(() => wi?.close());

  test('the rows are in zoekperiode, the shared verwijzing table has no zoekperiode columns left', async () => {
    const rows = await sql<{ overdracht_id: string; organisation_id: string; end_date: Date | string | null; waiver: string | null }>(
      wi.db.url,
      "SELECT overdracht_id, organisation_id, to_char(end_date, 'YYYY-MM-DD') AS end_date, waiver FROM zoekperiode ORDER BY waiver NULLS FIRST",
    );
    expect(rows).toEqual([
      { overdracht_id: ids.started, organisation_id: 'gemeente:GM0344', end_date: '2026-11-30', waiver: null },
      { overdracht_id: ids.waived, organisation_id: 'gemeente:GM0344', end_date: null, waiver: 'dakloos' },
    ]);
    const columns = await sql<{ column_name: string }>(
      wi.db.url,
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'verwijzing' AND column_name LIKE 'zoekperiode%'",
    );
    expect(columns).toEqual([]);
    expect(await sql(wi.db.url, 'SELECT 1 FROM verwijzing')).toHaveLength(3);
  });
});
