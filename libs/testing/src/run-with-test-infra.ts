#!/usr/bin/env node
// Starts the test broker and database once for a whole run (every Nx project's jest reuses them
// through KAFKA_BROKERS and DATABASE_URL), runs the given command, then stops them.
import { spawn } from 'node:child_process';
import { acquireTestInfra } from './test-infra.js';

/** host:port, or the Unix socket's directory when the URL goes through it (libpq's host parameter). */
const postgresWhere = (url: string) => {
  const parsed = new URL(url);
  const socket = parsed.searchParams.get('host');
  return socket ? `${parsed.host} (connections through the Unix socket in ${socket})` : parsed.host;
};

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: run-with-test-infra <command> [args...]\n');
  process.exit(2);
}

const infra = await acquireTestInfra();
process.stderr.write(`[test-infra] ${infra.origin}: Kafka ${infra.kafkaBrokers}, PostgreSQL ${postgresWhere(infra.databaseUrl)}\n`);
const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl, ...infra.kafkaSecrets },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
const code = await new Promise<number>((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
await infra.release();
process.exit(code);
