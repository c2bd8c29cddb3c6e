#!/usr/bin/env node
// One-shot preparation for a platform whose Kafka and PostgreSQL run elsewhere (docker compose,
// a shared cluster): creates each service's database and provisions every topic with its DLQ.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kafkaPrincipals, provisionBus } from './kafka-principals.js';
import { ensureDatabases, postgresFromEnvironment } from '../postgres/postgres-server.js';
import { discoverServices } from './services.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const say = (line: string) => process.stdout.write(`[prepare] ${line}\n`);

const postgres = postgresFromEnvironment();
const brokers = process.env.KAFKA_BROKERS?.split(',');
if (!postgres || !brokers) {
  say('set DATABASE_URL (or PG* variables) and KAFKA_BROKERS');
  process.exit(2);
}
const databases = discoverServices(repoRoot).flatMap((s) => s.database ?? []);
await ensureDatabases(postgres, databases);
say(`databases ready: ${databases.join(', ')}`);
// The principals' passwords come from the environment (KAFKA_PASSWORD_ESTAFETTE_ADMIN, ..._OPS, one per service).
await provisionBus(brokers, kafkaPrincipals(process.env), { prefix: process.env.KAFKA_TOPIC_PREFIX ?? '', log: say });
say('topics and ACLs ready');
