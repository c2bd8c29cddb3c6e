import { serviceConfig } from '@estafette/service-kit';
import { loadConvenanten } from './application/load-convenanten.js';
import { createConsentApp } from './create-consent-app.js';

const config = serviceConfig('consent', 3005);
const minorAgeThreshold = Number(process.env.CONSENT_MINOR_AGE_THRESHOLD ?? 18);
if (!Number.isInteger(minorAgeThreshold) || minorAgeThreshold < 12 || minorAgeThreshold > 21) {
  throw new Error('CONSENT_MINOR_AGE_THRESHOLD must be a whole number of years between 12 and 21');
}
const app = await createConsentApp(config, {
  minorAgeThreshold,
  organisationId: process.env.CONSENT_ORGANISATION_ID ?? 'oin:00000001234567890000',
  convenanten: loadConvenanten(process.env.CONSENT_CONVENANT_DIR),
});
await app.listen(config.port, config.host);
