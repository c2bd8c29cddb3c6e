import { expect, test } from '@jest/globals';
import { startOrganisations } from '../../organisations/test/support/start-organisations.js';
import { describeReceiver } from '../../../libs/receiver/test/receiver-suite.js';
import { createZorgApp } from '../src/create-zorg-app.js';

const us = { organisationType: 'zorg' as const, id: 'agb:12345678' };

// The shared receiving side once (libs/receiver/test/receiver-suite.ts), then what is zorg's own; care information: zorg.care-information.integration.test.ts.
describeReceiver(
  {
    label: 'Zorg',
    databaseName: 'zorgintegration',
    us,
    sameKindOther: 'agb:87654321',
    otherKind: { organisationType: 'werk-inkomen', id: 'gemeente:GM0344' },
    role: 'zorg-consulent',
    createApp: (config, settings) => createZorgApp(config, settings, false),
    // From 23 the municipality of residence's Werk & Inkomen picks up.
    returnsTo: (age) =>
      age < 23 ? { organisationType: 'rmc', id: 'rmc:MC19' } : { organisationType: 'werk-inkomen', id: 'gemeente:GM0344' },
    startOrganisations,
  },
  (ctx) => {
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
  },
);
