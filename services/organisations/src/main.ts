import { readFileSync } from 'node:fs';
import path from 'node:path';
import { migrateWhenAsked, serviceConfig } from '@estafette/service-kit';
import { createOrganisationsApp } from './create-organisations-app.js';
import { cbsBuiltIn } from './application/cbs-built-in.js';
import type { SeedOrganisation } from './organisations-settings.js';
import { organisationsMigrations } from './persistence/migrations/index.js';

// `node dist/main.js migrate`: the owner applies the migrations and the process ends (docs/security.md#database-roles).
await migrateWhenAsked('organisations', organisationsMigrations);
const config = serviceConfig('organisations', 3007);
// ORGANISATIONS_SEED: a JSON list of organisations to register when missing (npm start: the demo organisations).
const seedFile = process.env.ORGANISATIONS_SEED;
const app = await createOrganisationsApp(config, {
  // Municipalities and RMC regions by their CBS names (README, "Built-in organisations").
  builtIn: cbsBuiltIn(),
  ...(seedFile
    ? { seed: { label: path.basename(seedFile), organisations: JSON.parse(readFileSync(seedFile, 'utf8')) as SeedOrganisation[] } }
    : {}),
});
await app.listen(config.port, config.host);
