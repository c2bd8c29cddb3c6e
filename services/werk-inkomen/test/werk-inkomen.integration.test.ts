import { expect, test } from '@jest/globals';
import { addDays } from '@estafette/calendar';
import { eventually } from '@estafette/testing';
import { werkInkomenAsReceiver, us } from './as-receiver.js';
import { describeReceiver, type Json } from '../../../libs/receiver/test/receiver-suite.js';

// The shared receiving side once (libs/receiver/test/receiver-suite.ts), then what only Werk & Inkomen does.
describeReceiver(werkInkomenAsReceiver, (ctx) => {
  test('zoekperiode: 4 weeks for an 18-27 benefit applicant, a recorded waiver, refused under 18', async () => {
    const adult = await ctx.referral(19);
    const minor = await ctx.referral(17);
    await ctx.inInbox(adult.overdrachtId);
    await ctx.inInbox(minor.overdrachtId);
    const started = await ctx.call('consulent', 'POST', `/verwijzingen/${adult.overdrachtId}/zoekperiode`, { appliedOn: '2026-11-02' });
    expect(started.body).toMatchObject({ zoekperiodeEndDate: '2026-11-30', zoekperiodeWaiver: null });
    const waived = await ctx.call('consulent', 'POST', `/verwijzingen/${adult.overdrachtId}/zoekperiode`, {
      appliedOn: '2026-11-02',
      waiverReason: 'dakloos',
    });
    expect(waived.body).toMatchObject({ zoekperiodeEndDate: null, zoekperiodeWaiver: 'dakloos' });
    expect(
      (await ctx.call('consulent', 'POST', `/verwijzingen/${minor.overdrachtId}/zoekperiode`, { appliedOn: '2026-11-02' })).status,
    ).toBe(422);
  });

  test('from 23 a failed placement stays with Werk & Inkomen (the RMC duty ended)', async () => {
    const overdrachtId = await ctx.accepted(23);
    const placed = await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/plaatsing`, {
      placementType: 'participatieplek',
      startDate: ctx.today,
    });
    expect(placed.status).toBe(201);
    const uitval = await ctx.call('consulent', 'POST', `/plaatsingen/${placed.body.id}/uitval`, {
      dropoutDate: ctx.today,
      reason: 'traject-afgebroken',
    });
    expect(uitval.body).toMatchObject({ status: 'uitgevallen', returnsTo: us });
    const event = await eventually(() =>
      ctx.seen.find((e) => e.type.includes('uitval-na-plaatsing') && (e.data as Json).plaatsingId === placed.body.id),
    );
    expect(event.data).toMatchObject({ ageAtDropout: 23, returnsTo: us, reportedBy: us });
    // W&I picks its own uitval up: the young person is back in its worklist, held, with the plaatsing that failed.
    const uitvalId = (event.data as Json).uitvalId as string;
    expect(await ctx.inInbox(uitvalId)).toMatchObject({
      status: 'geaccepteerd',
      fromType: 'werk-inkomen',
      fromId: us.id,
      handoverReason: 'uitval-na-plaatsing',
      herkomst: { plaatsingId: placed.body.id, placementType: 'participatieplek', reportedBy: us, previousOverdrachtId: overdrachtId },
    });
  });

  test("on the 23rd birthday (the offer's turns23On) W&I's own failed placement comes back into its worklist, with history and turns23On", async () => {
    const turns23On = addDays(ctx.today, 30);
    const overdrachtId = await ctx.accepted(22, { turns23On });
    const { plaatsingId, answer, event } = await ctx.droppedOut(overdrachtId, turns23On);
    expect(answer).toMatchObject({ status: 'uitgevallen', returnsTo: us });
    expect(event.data).toMatchObject({ ageAtDropout: 23, returnsTo: us, reportedBy: us });
    // The uitval itself carries no turns23On: W&I takes it from the verwijzing it placed from.
    expect(await ctx.inInbox((event.data as Json).uitvalId as string)).toMatchObject({
      status: 'geaccepteerd',
      handoverReason: 'uitval-na-plaatsing',
      ageAtOffer: 23,
      turns23On,
      herkomst: { plaatsingId, dropoutDate: turns23On, reportedBy: us, previousOverdrachtId: overdrachtId },
    });
  });

  test('W&I hands a held referral back to the RMC and keeps it until acceptance; not before it accepted, not after placement', async () => {
    const open = await ctx.referral(19);
    await ctx.inInbox(open.overdrachtId);
    const back = { to: ctx.rmc, purpose: 'terug-naar-rmc', reason: 'terug-naar-onderwijs', contactPerson: 'A. Bakker' };
    expect((await ctx.call('consulent', 'POST', `/verwijzingen/${open.overdrachtId}/overdrachten`, back)).status).toBe(409);
    const overdrachtId = await ctx.accepted(19);
    const offered = await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/overdrachten`, back);
    expect(offered).toMatchObject({ status: 201, body: { status: 'aangeboden', localRef: overdrachtId, to: ctx.rmc } });
    const event = await eventually(() =>
      ctx.seen.find((e) => e.type.includes('overdracht.offered') && (e.data as Json).overdrachtId === offered.body.id),
    );
    expect(event).toMatchObject({
      data: { from: us, to: ctx.rmc, purpose: 'terug-naar-rmc', ageAtOffer: 19 },
      dataref: `http://receiver.test/overdrachten-uit/${offered.body.id}`,
    });
    expect(JSON.stringify(event)).not.toContain('Bakker');
    expect((await ctx.call('sameKindOther', 'GET', `/overdrachten-uit/${offered.body.id}`)).status).toBe(404);
    expect(
      (await ctx.call('consulent', 'POST', `/overdrachten-uit/${offered.body.id}/intrekking`, { reason: 'niet-meer-nodig' })).body,
    ).toMatchObject({ status: 'ingetrokken' });
    expect(
      (
        await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/plaatsing`, {
          placementType: 'participatieplek',
          startDate: ctx.today,
        })
      ).status,
    ).toBe(201);
    expect((await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/overdrachten`, back)).status).toBe(409);
  });
});
