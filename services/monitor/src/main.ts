import { migrateWhenAsked, serviceConfig } from '@estafette/service-kit';
import { createMonitorApp } from './create-monitor-app.js';
import { monitorMigrations } from './persistence/migrations/index.js';

// `node dist/main.js migrate`: the owner applies the migrations and the process ends (docs/security.md#database-roles).
await migrateWhenAsked('monitor', monitorMigrations);
const config = serviceConfig('monitor', 3006);
const app = await createMonitorApp(config);
await app.listen(config.port, config.host);
