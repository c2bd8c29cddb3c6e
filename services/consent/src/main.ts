import { organisationDirectoryFromEnv, serviceTokenFromEnv } from '@estafette/auth';
import { THROUGHPUT_FETCH_PACING } from '@estafette/messaging';
import { migrateWhenAsked, serviceConfig } from '@estafette/service-kit';
import { loadConvenanten } from './application/load-convenanten.js';
import { createConsentApp } from './create-consent-app.js';
import { AuditKey, AuditKeyring } from './domain/audit-key.js';
import { consentMigrations } from './persistence/migrations/index.js';

// `node dist/main.js migrate`: the owner applies the migrations and the process ends (docs/security.md#database-roles).
await migrateWhenAsked('consent', consentMigrations);
// The age signals it consumes are read long before any consent decision needs them: while they flow, larger batches.
const config = { ...serviceConfig('consent', 3005), consumerFetchPacing: THROUGHPUT_FETCH_PACING };
const minorAgeThreshold = Number(process.env.CONSENT_MINOR_AGE_THRESHOLD ?? 18);
if (!Number.isInteger(minorAgeThreshold) || minorAgeThreshold < 12 || minorAgeThreshold > 21) {
  throw new Error('CONSENT_MINOR_AGE_THRESHOLD must be a whole number of years between 12 and 21');
}
// The audit chains' key is never in the database; without it the service does not start (npm start and compose set one).
if (!process.env.CONSENT_AUDIT_KEY) throw new Error('set CONSENT_AUDIT_KEY (at least 32 random bytes, e.g. openssl rand -base64 48)');
const previousKeys = (process.env.CONSENT_AUDIT_PREVIOUS_KEYS ?? '')
  .split(',')
  .filter(Boolean)
  .map((value, i) => new AuditKey(value, `CONSENT_AUDIT_PREVIOUS_KEYS[${i}]`));
const intervalMs = Number(process.env.CONSENT_AUDIT_INTERVAL_MS ?? 5 * 60_000);
if (!Number.isInteger(intervalMs) || intervalMs < 1_000)
  throw new Error('CONSENT_AUDIT_INTERVAL_MS must be a whole number of milliseconds, at least 1000');
const app = await createConsentApp(config, {
  minorAgeThreshold,
  organisationId: process.env.CONSENT_ORGANISATION_ID ?? 'oin:00000001234567890000',
  convenanten: loadConvenanten(process.env.CONSENT_CONVENANT_DIR),
  audit: { keyring: new AuditKeyring(new AuditKey(process.env.CONSENT_AUDIT_KEY), previousKeys), intervalMs },
  // Every service that holds personal data, at its kind's origin, asked with the consent service's own client (inzage, werkrelatie).
  holders: {
    sources: Object.entries(organisationDirectoryFromEnv())
      .filter(([key]) => ['school', 'rmc', 'werk-inkomen', 'zorg'].includes(key))
      .map(([service, baseUrl]) => ({ service, baseUrl })),
    serviceToken: serviceTokenFromEnv('estafette-consent-service'),
    timeoutMs: Number(process.env.INZAGE_TIMEOUT_MS ?? 10_000),
  },
});
await app.listen(config.port, config.host);
