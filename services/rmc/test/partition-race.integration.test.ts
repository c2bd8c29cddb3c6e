import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CloudEvent, InschrijvingRegisteredData, UitschrijvingRegisteredData } from '@estafette/contracts';
import { pseudonym, sql, startServiceUnderTest, startTestIssuer, type ServiceUnderTest, type TestIssuer } from '@estafette/testing';
import { startOrganisations, type OrganisationsUnderTest } from '../../organisations/test/support/start-organisations.js';
import { ProcessInschrijving } from '../src/application/process-inschrijving.js';
import { RegisterVsvMelding } from '../src/application/register-vsv-melding.js';
import { createRmcApp } from '../src/create-rmc-app.js';
import { daysAgo, inschrijving, rmcSettings, uitschrijving } from './support.js';

type Handle = (manager: EntityManager) => Promise<void>;

const settled = async (p: Promise<unknown>) =>
  Promise.race([p.then(() => true), new Promise<false>((resolve) => setImmediate(() => resolve(false)))]);

/**
 * One young person's uitschrijving and inschrijving come on two topics, whose partitions are consumed concurrently:
 * here both handlers run at once on the real database, each order, the first holding its transaction open while the
 * second starts. Whatever the order, a young person who enrolled again has no open task.
 */
describe('an uitschrijving and an inschrijving of one young person handled at once', () => {
  let rmcApp: ServiceUnderTest<INestApplication>;
  let dataSource: DataSource;
  let register: RegisterVsvMelding;
  let enrol: ProcessInschrijving;
  let issuer: TestIssuer;
  let organisations: OrganisationsUnderTest;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    organisations = await startOrganisations(issuer);
    rmcApp = await startServiceUnderTest('rmcpartitions', (config) => createRmcApp(config, rmcSettings(60 * 60_000), false), {
      issuer,
      organisations: organisations.access('rmc'),
    });
    dataSource = rmcApp.app.get(DataSource);
    register = rmcApp.app.get(RegisterVsvMelding);
    enrol = rmcApp.app.get(ProcessInschrijving);
  });
  afterAll(async () => {
    await rmcApp?.close();
    await organisations?.close();
    await issuer?.close();
  });

  /** Runs `first` in a transaction left open until `second` (its own transaction) waits for a lock or has finished. */
  async function atOnce(first: Handle, second: Handle): Promise<void> {
    let commit!: () => void;
    const mayCommit = new Promise<void>((resolve) => (commit = resolve));
    let applied!: () => void;
    const isApplied = new Promise<void>((resolve) => (applied = resolve));
    const firstDone = dataSource.transaction(async (manager) => {
      await first(manager);
      applied();
      await mayCommit;
    });
    await isApplied;
    const secondDone = dataSource.transaction(second);
    for (let poll = 0; poll < 500 && !(await settled(secondDone)); poll++) {
      const [waiting] = await sql<{ n: number }>(
        rmcApp.db.url,
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if (waiting!.n > 0) break;
    }
    commit();
    await Promise.all([firstDone, secondDone]);
  }

  const openTasks = async (subject: string) =>
    (
      await sql<{ n: number }>(
        rmcApp.db.url,
        "SELECT count(*)::int AS n FROM taak WHERE pseudonymous_reference = $1 AND status <> 'gesloten'",
        [subject],
      )
    )[0]!.n;

  for (const order of ['uitschrijving first', 'inschrijving first'] as const)
    test(`${order}: no open task for someone back at school`, async () => {
      const subject = pseudonym();
      const left = uitschrijving(subject, { date: daysAgo(3) }) as CloudEvent<UitschrijvingRegisteredData>;
      const back = inschrijving(subject, daysAgo(1)) as CloudEvent<InschrijvingRegisteredData>;
      const leave: Handle = (manager) => register.handle(left, manager);
      const reenrol: Handle = (manager) => enrol.handle(back, manager);
      if (order === 'uitschrijving first') await atOnce(leave, reenrol);
      else await atOnce(reenrol, leave);
      expect(await openTasks(subject)).toBe(0);
    });

  test('the same uitschrijving alone still opens its task (the race test would pass vacuously otherwise)', async () => {
    const subject = pseudonym();
    await dataSource.transaction((manager) =>
      register.handle(uitschrijving(subject, { date: daysAgo(3) }) as CloudEvent<UitschrijvingRegisteredData>, manager),
    );
    expect(await openTasks(subject)).toBe(1);
  });
});
