import { consentAccessFromEnv } from '@estafette/consent-client';
import { migrateWhenAsked, serviceConfig } from '@estafette/service-kit';
import { createZorgApp } from './create-zorg-app.js';
import { zorgServiceMigrations } from './persistence/migrations.js';

// `node dist/main.js migrate`: the owner applies the migrations and the process ends (docs/security.md#database-roles).
await migrateWhenAsked('zorg', zorgServiceMigrations);
const config = serviceConfig('zorg', 3004);
const app = await createZorgApp(config, {
  timerIntervalMs: Number(process.env.ZORG_TIMER_INTERVAL_MS ?? 60_000),
  publicUrl: process.env.ZORG_PUBLIC_URL ?? `http://127.0.0.1:${config.port}`,
  consent: consentAccessFromEnv('estafette-zorg-service'),
});
await app.listen(config.port, config.host);
