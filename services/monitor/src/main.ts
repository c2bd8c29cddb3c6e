import { THROUGHPUT_FETCH_PACING } from '@estafette/messaging';
import { migrateWhenAsked, serviceConfig } from '@estafette/service-kit';
import { createMonitorApp } from './create-monitor-app.js';
import { monitorMigrations } from './persistence/migrations/index.js';

// `node dist/main.js migrate`: the owner applies the migrations and the process ends (docs/security.md#database-roles).
await migrateWhenAsked('monitor', monitorMigrations);
// Ops read figures, not single events within milliseconds: while events flow, fewer and larger fetches.
const config = { ...serviceConfig('monitor', 3006), consumerFetchPacing: THROUGHPUT_FETCH_PACING };
const app = await createMonitorApp(config);
await app.listen(config.port, config.host);
