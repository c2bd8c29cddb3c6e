import { migrateWhenAsked, serviceConfig } from '@estafette/service-kit';
import { createWerkInkomenApp } from './create-werk-inkomen-app.js';
import { werkInkomenServiceMigrations } from './persistence/migrations.js';

// `node dist/main.js migrate`: the owner applies the migrations and the process ends (docs/security.md#database-roles).
await migrateWhenAsked('werk-inkomen', werkInkomenServiceMigrations);
const config = serviceConfig('werk-inkomen', 3003);
const app = await createWerkInkomenApp(config, {
  timerIntervalMs: Number(process.env.WERK_INKOMEN_TIMER_INTERVAL_MS ?? 60_000),
  publicUrl: process.env.WERK_INKOMEN_PUBLIC_URL ?? `http://127.0.0.1:${config.port}`,
});
await app.listen(config.port, config.host);
