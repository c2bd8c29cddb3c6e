import { randomBytes } from 'node:crypto';
import { sql } from './sql.js';
import {
  dropDatabaseRoles,
  ensureDatabaseRoles,
  kafkaPrincipals,
  kafkaSecretsFrom,
  loginOf,
  provisionBus,
  roleNames,
  urlAs,
} from '@estafette/infra';

function requireEnv(name: 'KAFKA_BROKERS' | 'DATABASE_URL'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: add { infra: true } to this project's jestConfig(...) so the global setup starts it`);
  return value;
}

export const kafkaBrokers = (): string[] => requireEnv('KAFKA_BROKERS').split(',');

/** A topic prefix of this suite alone, so suites never see each other's events. */
export function uniqueTopicPrefix(): string {
  return `t${randomBytes(4).toString('hex')}.`;
}

/** Creates every topic of the contracts (and its dead-letter topic) under the given prefix, and the bus's ACLs for it. */
export async function provisionTestTopics(prefix: string): Promise<void> {
  const secrets = kafkaSecretsFrom(process.env);
  await provisionBus(kafkaBrokers(), Object.keys(secrets).length ? kafkaPrincipals(secrets) : null, { prefix, log: () => {} });
}

export interface TestDatabase {
  /** The runtime role's URL (rows only, no DDL, no superuser): what the service under test connects with, and what checks of its rows use. */
  url: string;
  /** The owner role's URL: applies the migrations (TestServiceConfig.migrationUrl), or builds an old schema in an upgrade test. */
  ownerUrl: string;
  /** The server's superuser on this database: only for a test that must break things (disable a trigger, rewrite an audit). */
  adminUrl: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database on the test server with its own owner and runtime roles (`<name>_owner`, `<name>_app`,
 * random passwords), made as on a real server (docs/security.md#database-roles): suites never see each other's rows,
 * and the service under test runs without superuser rights.
 */
export async function createTestDatabase(label = 'suite'): Promise<TestDatabase> {
  const name = `t_${label
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  const serverUrl = requireEnv('DATABASE_URL');
  const names = roleNames(name);
  const password = () => randomBytes(24).toString('base64url');
  const { ownerUrl, appUrl } = await ensureDatabaseRoles(serverUrl, {
    database: name,
    owner: { role: names.owner, password: password() },
    app: { role: names.app, password: password() },
  });
  return {
    url: appUrl,
    ownerUrl,
    adminUrl: urlAs(serverUrl, loginOf(serverUrl), name),
    name,
    drop: () => dropDatabaseRoles(serverUrl, name),
  };
}

/**
 * Who is connected to a test database right now (as its administrator sees pg_stat_activity): each role once, with
 * whether it is a superuser. For the check that a service under test runs as its runtime role only.
 */
export async function rolesConnectedTo(db: TestDatabase): Promise<{ role: string; superuser: boolean }[]> {
  const rows = await sql<{ role: string; superuser: boolean }>(
    db.adminUrl,
    `SELECT DISTINCT a.usename AS role, r.rolsuper AS superuser FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
      WHERE a.datname = $1 AND a.pid <> pg_backend_pid() ORDER BY 1`,
    [db.name],
  );
  return rows;
}
