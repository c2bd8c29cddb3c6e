import type { ReceiverUnderTest } from '../../../libs/receiver/test/receiver-suite.js';
import { startOrganisations } from '../../organisations/test/support/start-organisations.js';
import { createWerkInkomenApp } from '../src/create-werk-inkomen-app.js';

export const us = { organisationType: 'werk-inkomen' as const, id: 'gemeente:GM0344' };

/** werk-inkomen as the shared receiving side's tests start it (libs/receiver/test). */
export const werkInkomenAsReceiver: ReceiverUnderTest = {
  label: 'Werk & Inkomen',
  databaseName: 'wiintegration',
  us,
  sameKindOther: 'gemeente:GM0363',
  otherKind: { organisationType: 'zorg', id: 'agb:12345678' },
  role: 'wi-consulent',
  createApp: (config, settings) => createWerkInkomenApp(config, settings, false),
  returnsTo: (age) => (age < 23 ? { organisationType: 'rmc', id: 'rmc:MC19' } : us),
  startOrganisations,
};
