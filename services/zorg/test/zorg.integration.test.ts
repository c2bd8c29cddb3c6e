import { expect, test } from '@jest/globals';
import { addDays } from '@estafette/calendar';
import { eventually, startServiceUnderTest } from '@estafette/testing';
import { createWerkInkomenApp } from '../../werk-inkomen/src/create-werk-inkomen-app.js';
import { zorgAsReceiver, us } from './as-receiver.js';
import { describeReceiver, type Json } from '../../../libs/receiver/test/receiver-suite.js';

// The shared receiving side once (libs/receiver/test/receiver-suite.ts), then what is zorg's own; care information: zorg.care-information.integration.test.ts.
describeReceiver(zorgAsReceiver, (ctx) => {
  test('no zoekperiode at a care provider; a care trajectory counts as a placement', async () => {
    const overdrachtId = await ctx.accepted(17);
    expect((await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/zoekperiode`, { appliedOn: ctx.today })).status).toBe(404);
    const placed = await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/plaatsing`, {
      placementType: 'zorgtraject',
      startDate: ctx.today,
    });
    expect(placed).toMatchObject({ status: 201, body: { placementType: 'zorgtraject', status: 'lopend' } });
  });

  test('from 23 a failed care trajectory goes to the W&I of the municipality of residence', async () => {
    const overdrachtId = await ctx.accepted(23);
    const placed = await ctx.call('consulent', 'POST', `/verwijzingen/${overdrachtId}/plaatsing`, {
      placementType: 'zorgtraject',
      startDate: ctx.today,
    });
    const uitval = await ctx.call('consulent', 'POST', `/plaatsingen/${placed.body.id}/uitval`, {
      dropoutDate: ctx.today,
      reason: 'traject-afgebroken',
    });
    expect(uitval.body).toMatchObject({ status: 'uitgevallen', returnsTo: { organisationType: 'werk-inkomen', id: 'gemeente:GM0344' } });
  });

  test("on the 23rd birthday (the offer's turns23On) a failed care trajectory lands in the worklist of the municipality's W&I, with its history", async () => {
    // The real W&I service on the same bus, its own database.
    const wiOrg = { organisationType: 'werk-inkomen', id: 'gemeente:GM0344' };
    const wi = await startServiceUnderTest(
      'werkinkomenfromzorg',
      (config) => createWerkInkomenApp(config, { timerIntervalMs: 100, publicUrl: 'http://wi.test' }, false),
      { prefix: ctx.prefix, issuer: ctx.issuer, organisations: ctx.organisationsAccess('werk-inkomen') },
    );
    try {
      const token = await ctx.issuer.issueToken({
        role: 'wi-consulent',
        organisationType: wiOrg.organisationType,
        organisationId: wiOrg.id,
        sub: 'wi-1',
      });
      const turns23On = addDays(ctx.today, 60);
      const { plaatsingId, answer, event } = await ctx.droppedOut(await ctx.accepted(22, { turns23On }), turns23On);
      expect(answer).toMatchObject({ status: 'uitgevallen', returnsTo: wiOrg });
      expect(event.data).toMatchObject({ ageAtDropout: 23, returnsTo: wiOrg, reportedBy: us });
      const uitvalId = (event.data as Json).uitvalId as string;
      const item = await eventually(async () => {
        const inbox = (await (await fetch(`${wi.url}/verwijzingen`, { headers: { authorization: `Bearer ${token}` } })).json()) as Json;
        return inbox.items?.find((r: Json) => r.overdrachtId === uitvalId) as Json | undefined;
      });
      expect(item).toMatchObject({
        status: 'geaccepteerd',
        fromType: 'zorg',
        fromId: us.id,
        handoverReason: 'uitval-na-plaatsing',
        ageAtOffer: 23,
        herkomst: { uitvalId, plaatsingId, dropoutDate: turns23On, reportedBy: us, previousOverdrachtId: null },
      });
    } finally {
      await wi.close();
    }
  });
});
