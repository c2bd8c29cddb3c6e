import type { ReceiverUnderTest } from '../../../libs/receiver/test/receiver-suite.js';
import { startOrganisations } from '../../organisations/test/support/start-organisations.js';
import { createZorgApp } from '../src/create-zorg-app.js';

export const us = { organisationType: 'zorg' as const, id: 'agb:12345678' };

/** zorg as the shared receiving side's tests start it (libs/receiver/test). */
export const zorgAsReceiver: ReceiverUnderTest = {
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
};
