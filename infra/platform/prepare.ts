#!/usr/bin/env node
// One-shot preparation for a platform whose Kafka and PostgreSQL run elsewhere (docker compose,
// a shared cluster): creates each service's database with the two roles named in its URLs (<SERVICE>_DATABASE_URL:
// the runtime role, <SERVICE>_MIGRATION_DATABASE_URL: the owner), as the administrator in DATABASE_URL, runs each
// service's migrations as its owner, and provisions every topic with its DLQ and the bus's ACLs. The services then get only their
// runtime role's URL (docs/security.md#database-roles).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kafkaProvisioners, provisionBus } from './kafka-principals.js';
import { ensureDatabaseRoles, loginOf } from '../postgres/database-roles.js';
import { postgresFromEnvironment } from '../postgres/postgres-server.js';
import { databaseUrlVariable, migrateServices, migrationUrlVariable, type ServiceDatabase } from './service-databases.js';
import { discoverServices } from './services.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const say = (line: string) => process.stdout.write(`[prepare] ${line}\n`);

const postgres = postgresFromEnvironment();
const brokers = process.env.KAFKA_BROKERS?.split(',');
if (!postgres || !brokers) {
  say('set DATABASE_URL (or PG* variables) and KAFKA_BROKERS');
  process.exit(2);
}
const databases: ServiceDatabase[] = [];
for (const service of discoverServices(repoRoot).filter((s) => s.database)) {
  const [appUrl, ownerUrl] = [process.env[databaseUrlVariable(service.name)], process.env[migrationUrlVariable(service.name)]];
  if (!appUrl || !ownerUrl) {
    say(
      `set ${databaseUrlVariable(service.name)} (runtime role) and ${migrationUrlVariable(service.name)} (owner role) for ${service.name}`,
    );
    process.exit(2);
  }
  const [app, owner] = [loginOf(appUrl), loginOf(ownerUrl)];
  if (app.database !== owner.database) throw new Error(`${service.name}: its two database URLs name different databases`);
  await ensureDatabaseRoles(postgres.url('postgres'), { database: app.database, owner, app });
  databases.push({ service: service.name, database: app.database, appUrl, ownerUrl });
}
await migrateServices(databases, say);
say(`databases ready and migrated: ${databases.map((d) => d.database).join(', ')}`);
// Only the admin's and the ops principal's passwords (KAFKA_PASSWORD_ESTAFETTE_ADMIN, ..._OPS): ACLs and topics.
await provisionBus(brokers, kafkaProvisioners(process.env), { prefix: process.env.KAFKA_TOPIC_PREFIX ?? '', log: say });
say('topics and ACLs ready');
