import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent, overdrachtAccepted, overdrachtExpired } from '@estafette/contracts';
import { FollowUitgaandeOverdracht, OfferOverdracht } from '@estafette/receiver';
import { pseudonym, sql, startServiceUnderTest, startTestIssuer, type ServiceUnderTest, type TestIssuer } from '@estafette/testing';
import { startOrganisations, type OrganisationsUnderTest } from '../../organisations/test/support/start-organisations.js';
import { createRmcApp } from '../src/create-rmc-app.js';
import { rmcSettings } from './support.js';

const rmc = { organisationType: 'rmc' as const, id: 'rmc:MC21' };
const wi = { organisationType: 'werk-inkomen' as const, id: 'gemeente:GM0363' };
const ROUNDS = 50;
/** Lets the other transaction's queries reach the database before this one goes on (no clock involved). */
const yieldTurns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};
const settled = async (p: Promise<unknown>) =>
  Promise.race([p.then(() => true), new Promise<false>((resolve) => setImmediate(() => resolve(false)))]);

/**
 * The expiry timer against an acceptance being applied, on the real database: the acceptance holds the
 * offer's row lock and commits while the expiry runs (or just as it starts). The expiry claims the offer row
 * itself (SKIP LOCKED) and reads its status under that lock, so it can never overwrite the acceptance.
 */
describe('an expiry racing an acceptance: the acceptance always wins', () => {
  let rmcApp: ServiceUnderTest<INestApplication>;
  let dataSource: DataSource;
  let offers: OfferOverdracht;
  let follow: FollowUitgaandeOverdracht;
  let issuer: TestIssuer;
  let organisations: OrganisationsUnderTest;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    organisations = await startOrganisations(issuer);
    rmcApp = await startServiceUnderTest('rmcrace', (config) => createRmcApp(config, rmcSettings(60 * 60_000), false), {
      issuer,
      organisations: organisations.access('rmc'),
    });
    dataSource = rmcApp.app.get(DataSource);
    offers = rmcApp.app.get(OfferOverdracht);
    follow = rmcApp.app.get(FollowUitgaandeOverdracht);
  });
  afterAll(async () => {
    await rmcApp?.close();
    await organisations?.close();
    await issuer?.close();
  });

  /** An open offer whose timer is due now, while the deadline in the offer (which decides the acceptance) is days ahead. */
  async function dueOffer() {
    const subject = pseudonym();
    const offer = await dataSource.transaction((manager) =>
      offers.offer(manager, {
        organisationId: rmc.id,
        localRef: randomUUID(),
        pseudonymousReference: subject,
        municipalityOfResidence: 'GM0363',
        ageAtOffer: 18,
        to: wi,
        purpose: 'werk',
        reason: 'school-geen-optie',
        contactPerson: 'J. de Vries',
        offeredBy: 'consulent-a',
      }),
    );
    await sql(rmcApp.db.url, "UPDATE uitgaande_overdracht SET due_at = now() - interval '1 minute' WHERE id = $1", [offer.id]);
    return { id: offer.id, subject };
  }

  /** The expiry has either finished or is queued behind the acceptance's row lock: only then may the acceptance commit. */
  async function untilExpiryWaitsOrEnds(expiry: Promise<number>) {
    for (let poll = 0; poll < 500; poll++) {
      if (await settled(expiry)) return;
      const [waiting] = await sql<{ n: number }>(
        rmcApp.db.url,
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if (waiting!.n > 0) return;
    }
    throw new Error('the expiry neither finished nor waited for the lock');
  }

  test(`${ROUNDS} rounds: never verlopen, no overdracht.expired in the outbox, the timer lapses once`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { id, subject } = await dueOffer();
      const accepted = createEvent(overdrachtAccepted, {
        source: 'urn:nld:gemeente:GM0363:estafette-werk-inkomen',
        subject,
        data: { overdrachtId: id, from: rmc, to: wi },
      });
      let commit!: () => void;
      let applied!: () => void;
      const mayCommit = new Promise<void>((resolve) => {
        commit = resolve;
      });
      const isApplied = new Promise<void>((resolve) => {
        applied = resolve;
      });
      const acceptance = dataSource.transaction(async (manager) => {
        await follow.accepted(accepted, manager);
        applied();
        await mayCommit;
      });
      await isApplied;
      // Even rounds: the expiry runs while the acceptance holds the lock. Odd rounds: it starts as the acceptance commits.
      let expiry: Promise<number>;
      if (round % 2 === 0) {
        expiry = offers.expireDue();
        await untilExpiryWaitsOrEnds(expiry);
        commit();
      } else {
        commit();
        await yieldTurns(round % 5);
        expiry = offers.expireDue();
      }
      await Promise.all([acceptance, expiry]);
      // The next tick finds the answered offer and lets its timer lapse silently.
      await offers.expireDue();

      const [row] = await sql<{ status: string; fired_at: Date | null }>(
        rmcApp.db.url,
        'SELECT status, fired_at FROM uitgaande_overdracht WHERE id = $1',
        [id],
      );
      expect({ round, status: row!.status, fired: row!.fired_at !== null }).toEqual({ round, status: 'geaccepteerd', fired: true });
      const expired = await sql(rmcApp.db.url, "SELECT 1 FROM outbox WHERE type = $1 AND event->'data'->>'overdrachtId' = $2", [
        overdrachtExpired.type,
        id,
      ]);
      expect({ round, expired: expired.length }).toEqual({ round, expired: 0 });
    }
  });
});
