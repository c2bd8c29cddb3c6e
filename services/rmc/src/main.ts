import { serviceTokenFromEnv } from '@estafette/auth';
import { consentAccessFromEnv } from '@estafette/consent-client';
import { migrateWhenAsked, serviceConfig } from '@estafette/service-kit';
import { createRmcApp } from './create-rmc-app.js';
import { loadRegionMap } from './rmc-settings.js';
import { rmcMigrations } from './persistence/migrations/index.js';

// `node dist/main.js migrate`: the owner applies the migrations and the process ends (docs/security.md#database-roles).
await migrateWhenAsked('rmc', rmcMigrations);
const config = serviceConfig('rmc', 3002);
const app = await createRmcApp(config, {
  regionMap: loadRegionMap(),
  timerIntervalMs: Number(process.env.RMC_TIMER_INTERVAL_MS ?? 60_000),
  publicUrl: process.env.RMC_PUBLIC_URL ?? `http://127.0.0.1:${config.port}`,
  schoolFetchTimeoutMs: process.env.RMC_SCHOOL_FETCH_TIMEOUT_MS ? Number(process.env.RMC_SCHOOL_FETCH_TIMEOUT_MS) : undefined,
  serviceToken: serviceTokenFromEnv('estafette-rmc-service'),
  consent: consentAccessFromEnv('estafette-rmc-service'),
});
await app.listen(config.port, config.host);
