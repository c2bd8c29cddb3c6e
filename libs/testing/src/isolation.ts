import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { kafkaPrincipals, kafkaSecretsFrom, provisionBus } from '@estafette/infra';

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
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the test server: suites never see each other's rows. */
export async function createTestDatabase(label = 'suite'): Promise<TestDatabase> {
  const name = `t_${label
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  const serverUrl = requireEnv('DATABASE_URL');
  await onMaintenanceDb(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    name,
    drop: () => onMaintenanceDb(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function onMaintenanceDb<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
