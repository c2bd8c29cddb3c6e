import { describe, expect, test } from '@jest/globals';
import { addDays, addMonths } from '@estafette/calendar';
import { RetentionRunner } from '@estafette/privacy';
import { eventually, measuredRetentionRun, oldAccessLogLine, rowsMentioning, sql, type RetentionMeasure } from '@estafette/testing';
import { useReceiver, type ReceiverUnderTest } from './receiver-suite.js';

/**
 * The shared receiving side's bewaartermijnen (libs/privacy: categories `verwijzing` and `uitgaande-overdracht`), run
 * for every service that assembles it, on the real broker and database with an injected clock. `ownTables` are the
 * service's tables removed with a referral (zoekperiode, zorginformatie). A closed referral and an answered offer stay
 * through the last day of their two years and are gone the day after, every row of them; an open one stays; the audit
 * line's counts equal what the store lost; a second run says 0.
 */
export function describeReceiverRetention(service: ReceiverUnderTest, ownTables: string[]): void {
  describe(`${service.label}: bewaartermijnen of received referrals and sent offers, on an injected clock`, () => {
    let now = new Date();
    // Timers an hour apart: only the retention runs below change the store.
    const ctx = useReceiver(service, { clock: () => now, timerIntervalMs: 60 * 60_000 });
    const measures: Record<string, RetentionMeasure> = {
      verwijzing: ['verwijzing', 'verwijzing_herkomst', 'plaatsing', 'follow_up_check', ...ownTables],
      'uitgaande-overdracht': ['uitgaande_overdracht'],
      'access-log': ['access_log'],
      outbox: ['outbox'],
    };
    const run = () => ctx.app.get(RetentionRunner).runNow();
    const at = (date: string) => new Date(`${date}T10:00:00Z`);

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
      await eventually(async () => {
        const [{ n }] = await sql<{ n: number }>(ctx.db.url, 'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
        return n === 0 || undefined;
      });

      // The last day of the period: the closed referral and the withdrawn offer stay.
      now = at(addMonths(start, 24));
      const within = await measuredRetentionRun(ctx.db.url, measures, run);
      expect(within.counts).toMatchObject({ verwijzing: 0, 'uitgaande-overdracht': 0, 'access-log': 1 });
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
    });
  });
}
