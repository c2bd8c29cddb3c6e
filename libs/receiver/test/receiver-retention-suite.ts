import { describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { addDays, addMonths } from '@estafette/calendar';
import { ACCOUNTABILITY_LOG_PERIOD, periodAsInterval, RetentionRunner, triggerPeriod } from '@estafette/privacy';
import { eventually, measuredRetentionRun, oldAccessLogLine, rowsMentioning, sql, type RetentionMeasure } from '@estafette/testing';
import { useReceiver, type ReceiverUnderTest } from './receiver-suite.js';

/**
 * The shared receiving side's bewaartermijnen (libs/privacy: categories `verwijzing` and `uitgaande-overdracht`), run
 * for every service that assembles it, on the real broker and database with an injected clock. `ownTables` are the
 * service's tables removed with a referral (zoekperiode, zorginformatie). A closed referral and an answered offer stay
 * through the last day of their two years and are gone the day after, every row of them; an open one stays; a purge
 * record line goes a year after it was recorded (by the database clock, as its trigger allows), a younger one stays; the
 * audit line's counts equal what the store lost; a second run says 0.
 */
export function describeReceiverRetention(service: ReceiverUnderTest, ownTables: string[]): void {
  describe(`${service.label}: bewaartermijnen of received referrals and sent offers, on an injected clock`, () => {
    let now = new Date();
    // Timers an hour apart: only the retention runs below change the store.
    const ctx = useReceiver(service, { clock: () => now, timerIntervalMs: 60 * 60_000 });
    const measures: Record<string, RetentionMeasure> = {
      verwijzing: ['verwijzing', 'verwijzing_herkomst', 'plaatsing', 'follow_up_check', ...ownTables],
      'uitgaande-overdracht': ['uitgaande_overdracht'],
      verwijdering: ['verwijdering'],
      'access-log': ['access_log'],
      outbox: ['outbox'],
    };
    const run = () => ctx.app.get(RetentionRunner).runNow();
    const at = (date: string) => new Date(`${date}T10:00:00Z`);
    // A purge record line written `ago` before the database's now (append-only: a test writes the old line it needs).
    const purgeRecord = async (subject: string, ago: string) =>
      (
        await sql<{ id: string }>(
          ctx.db.url,
          `INSERT INTO verwijdering (subject, at, what, count, reason, toestemming_id)
           VALUES ($1, now() - $2::interval, 'verwijzing:gegevens-van-verwijzer', 1, 'toestemming-ingetrokken', $3) RETURNING id`,
          [subject, ago, randomUUID()],
        )
      )[0]!.id;
    const youngPurge = 'retention-purge-young';

    test('the purge record stays append-only: its trigger allows removal after exactly the period in the table, and nothing younger', async () => {
      expect(await triggerPeriod({ query: (text: string, params?: unknown[]) => sql(ctx.db.url, text, params) }, 'verwijdering')).toBe(
        periodAsInterval(ACCOUNTABILITY_LOG_PERIOD),
      );
      // As the service's runtime role: a line recorded a month ago may not be removed or changed.
      const young = await purgeRecord(youngPurge, '1 month');
      await expect(sql(ctx.db.url, 'DELETE FROM verwijdering WHERE id = $1', [young])).rejects.toThrow(/append-only/);
      await expect(sql(ctx.db.url, 'UPDATE verwijdering SET count = 2 WHERE id = $1', [young])).rejects.toThrow(/append-only/);
      await expect(sql(ctx.db.url, 'TRUNCATE verwijdering')).rejects.toThrow(/permission denied/);
      await expect(sql(ctx.db.ownerUrl, 'TRUNCATE verwijdering')).rejects.toThrow(/append-only/);
    });

    test('closed referrals and answered offers go the day after their two years; open ones stay; the counts match', async () => {
      const start = ctx.today;
      const rejected = await ctx.referral(19);
      await ctx.inInbox(rejected.overdrachtId);
      expect(
        (await ctx.call('consulent', 'POST', `/verwijzingen/${rejected.overdrachtId}/afwijzing`, { reason: 'geen-capaciteit' })).status,
      ).toBe(201);
      const stillOpen = await ctx.accepted(19);
      const handedOnFrom = await ctx.accepted(20);
      const offer = await ctx.call('consulent', 'POST', `/verwijzingen/${handedOnFrom}/overdrachten`, {
        to: ctx.rmc,
        purpose: 'terug-naar-rmc',
        reason: 'anders',
        contactPerson: 'C. de Vries',
      });
      expect(offer.status).toBe(201);
      expect((await ctx.call('consulent', 'POST', `/overdrachten-uit/${offer.body.id}/intrekking`, { reason: 'anders' })).status).toBe(201);
      const openOffer = await ctx.call('consulent', 'POST', `/verwijzingen/${stillOpen}/overdrachten`, {
        to: ctx.rmc,
        purpose: 'terug-naar-rmc',
        reason: 'anders',
        contactPerson: 'D. Jansen',
      });
      expect(openOffer.status).toBe(201);
      await oldAccessLogLine(ctx.db.url, rejected.subject, `verwijzing/${rejected.overdrachtId}`, '13 months');
      await purgeRecord(rejected.subject, '13 months');
      await eventually(async () => {
        const [{ n }] = await sql<{ n: number }>(ctx.db.url, 'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
        return n === 0 || undefined;
      });

      // The last day of the period: the closed referral and the withdrawn offer stay.
      now = at(addMonths(start, 24));
      const within = await measuredRetentionRun(ctx.db.url, measures, run);
      // The purge record line of 13 months ago is past its year; the one of a month ago (the trigger test's) stays.
      expect(within.counts).toMatchObject({ verwijzing: 0, 'uitgaande-overdracht': 0, verwijdering: 1, 'access-log': 1 });
      expect(within.counts).toEqual(within.changed);
      expect(await rowsMentioning(ctx.db.url, rejected.subject)).toMatchObject({ verwijzing: 1 });

      // The day after: gone, every row of them; the open referral and the open offer stay.
      now = at(addDays(addMonths(start, 24), 1));
      const past = await measuredRetentionRun(ctx.db.url, measures, run);
      expect(past.counts.verwijzing).toBeGreaterThanOrEqual(1);
      expect(past.counts['uitgaande-overdracht']).toBe(1);
      expect(past.counts).toEqual(past.changed);
      expect(await rowsMentioning(ctx.db.url, rejected.overdrachtId)).toEqual({});
      expect(await rowsMentioning(ctx.db.url, offer.body.id as string)).toEqual({});
      const left = await sql<{ overdracht_id: string; status: string }>(ctx.db.url, 'SELECT overdracht_id, status FROM verwijzing');
      expect(left.map((r) => r.overdracht_id)).toEqual(expect.arrayContaining([stillOpen, handedOnFrom]));
      expect(await sql(ctx.db.url, 'SELECT id FROM uitgaande_overdracht')).toEqual([{ id: openOffer.body.id }]);

      // Again: nothing left past its period, and the audit line says 0 for every category.
      const again = await measuredRetentionRun(ctx.db.url, measures, run);
      expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
      expect(again.counts).toEqual(again.changed);
      expect(await sql(ctx.db.url, 'SELECT subject FROM verwijdering')).toEqual([{ subject: youngPurge }]);
    });
  });
}
