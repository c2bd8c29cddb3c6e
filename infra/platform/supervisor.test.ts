// `npm start` semantics with real processes: identity, the portal and the consent service run under the same
// Supervisor and spawnService that start.ts uses, on the test broker and PostgreSQL (KAFKA_BROKERS and
// DATABASE_URL, as `npm test` sets them; else a broker and an embedded server of its own). One service is
// killed with SIGKILL: it comes back and answers /health again, and the others answer throughout.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startKafka } from '../kafka/kafka-broker.js';
import { dropDatabaseRoles } from '../postgres/database-roles.js';
import { postgresFromEnvironment, startEmbeddedPostgres, type PostgresServer } from '../postgres/postgres-server.js';
import { kafkaPrincipals, provisionBus } from './kafka-principals.js';
import { randomPlatformSecrets, serviceEnvironment } from './service-environment.js';
import { freePort } from './free-port.js';
import { migrateServices, provisionServiceDatabases } from './service-databases.js';
import { repoRoot } from './service-process.js';
import { discoverServices } from './services.js';
import { spawnService, Supervisor } from './supervisor.js';
import { waitForHealth } from './wait-for-health.js';

const NAMES = ['identity', 'consent', 'portal'];
const workDir = mkdtempSync(path.join(tmpdir(), 'estafette-supervisor-'));
const logLines: string[] = [];
const output: string[] = [];
const supervisors = new Map<string, Supervisor>();
const urls = new Map<string, string>();
const cleanups: (() => Promise<unknown>)[] = [];

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) })).status === 200;
  } catch {
    return false;
  }
}

/** Polls /health of the named services until stopped; every answer that was not 200, with the service's name. */
function pollHealth(names: string[]): { stop(): Promise<{ polls: number; failures: string[] }> } {
  let running = true;
  let polls = 0;
  const failures: string[] = [];
  const loop = (async () => {
    while (running) {
      for (const name of names) {
        polls += 1;
        if (!(await healthy(urls.get(name)!))) failures.push(`${name} at poll ${polls}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return { stop: async () => ((running = false), await loop, { polls, failures }) };
}

/** Resolves when the supervisor's log has a line matching `pattern`. */
async function logLine(pattern: RegExp): Promise<string> {
  for (;;) {
    const line = logLines.find((l) => pattern.test(l));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  const services = discoverServices(repoRoot).filter((s) => NAMES.includes(s.name));
  for (const s of services) if (!existsSync(s.entry)) throw new Error(`${s.name} is not built (${s.entry}); npm run build first`);
  let postgres: PostgresServer | undefined = postgresFromEnvironment();
  if (!postgres) {
    postgres = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'postgres'), port: await freePort(), log: () => {} });
    cleanups.push(() => postgres!.stop());
  }
  let brokers = process.env.KAFKA_BROKERS?.split(',');
  // The test infra's Kafka passwords when it runs, else fresh ones for a broker of this suite.
  const secrets = randomPlatformSecrets();
  const principals = kafkaPrincipals(secrets);
  if (!brokers) {
    const kafka = await startKafka({
      dataDir: path.join(workDir, 'kafka'),
      port: await freePort(),
      controllerPort: await freePort(),
      log: () => {},
      admin: principals.admin,
      users: principals.users,
    });
    cleanups.push(() => kafka.stop());
    brokers = kafka.brokers;
  }
  const suffix = randomBytes(4).toString('hex');
  const database = `t_supervisor_${suffix}`;
  // As start.ts: the database with its owner and runtime roles, migrated by the owner; consent runs as its runtime role.
  const [consentDb] = await provisionServiceDatabases(postgres.url('postgres'), [{ service: 'consent', database }]);
  await migrateServices([consentDb!]);
  const server = postgres;
  cleanups.push(() => dropDatabaseRoles(server.url('postgres'), database));
  const prefix = `t${suffix}.`;
  await provisionBus(brokers, principals, { prefix, log: () => {} });

  const ports = new Map<string, number>();
  for (const s of services) {
    let port = await freePort();
    while ([...ports.values()].includes(port)) port = await freePort();
    ports.set(s.name, port);
    urls.set(s.name, `http://127.0.0.1:${port}`);
  }
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ESTAFETTE_DATA_DIR: workDir,
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    OIDC_ISSUER: urls.get('identity'),
    OIDC_AUDIENCE: 'estafette-api',
    SCHOOL_PSEUDONYM_SECRET: randomBytes(32).toString('base64url'),
    ESTAFETTE_SERVICE_CLIENT_SECRET: randomBytes(32).toString('base64url'),
    CONSENT_AUDIT_KEY: randomBytes(32).toString('base64url'),
    CONSENT_DATABASE_URL: consentDb!.appUrl,
    ...Object.fromEntries([...ports].map(([name, port]) => [`${name.toUpperCase()}_PORT`, String(port)])),
  };
  // As start.ts: one after the other, each healthy before the next (the provider first).
  for (const s of services.sort((a, b) => NAMES.indexOf(a.name) - NAMES.indexOf(b.name))) {
    const supervisor = new Supervisor({
      name: s.name,
      spawn: () => spawnService(s, { ...env, ...serviceEnvironment(s.name, {}, secrets) }, (_stream, text) => void output.push(text)),
      log: (l) => void logLines.push(l),
      healthUrl: `${urls.get(s.name)}/health`,
    });
    supervisors.set(s.name, supervisor);
    await waitForHealth(`${urls.get(s.name)}/health`, supervisor.current, 120_000);
  }
}, 300_000);

afterAll(async () => {
  await Promise.all([...supervisors.values()].map((s) => s.stop()));
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  rmSync(workDir, { recursive: true, force: true });
}, 120_000);

describe('npm start supervises: a killed service is restarted with backoff, the others keep serving', () => {
  test('SIGKILL on consent: restarted after 1 s (attempt 1), healthy again; identity and portal answered 200 throughout', async () => {
    const consent = supervisors.get('consent')!;
    const before = consent.current.pid;
    const poll = pollHealth(['identity', 'portal']);
    consent.current.kill('SIGKILL');

    expect(await logLine(/^consent exited/)).toBe('consent exited with signal SIGKILL; restarting in 1 s (attempt 1)');
    await logLine(/^consent restarted \(pid \d+\) and healthy again$/);
    const { polls, failures } = await poll.stop();

    expect(consent.restarts).toBe(1);
    expect(consent.current.pid).not.toBe(before);
    expect(await healthy(urls.get('consent')!)).toBe(true);
    expect(failures).toEqual([]);
    expect(polls).toBeGreaterThan(2);
  }, 180_000);

  test('killed again soon after: the next wait doubles (2 s, attempt 2) and it comes back again', async () => {
    const consent = supervisors.get('consent')!;
    logLines.length = 0;
    consent.current.kill('SIGKILL');
    expect(await logLine(/^consent exited/)).toBe('consent exited with signal SIGKILL; restarting in 2 s (attempt 2)');
    await logLine(/^consent restarted \(pid \d+\) and healthy again$/);
    expect(consent.restarts).toBe(2);
    expect(await healthy(urls.get('consent')!)).toBe(true);
    expect(await healthy(urls.get('portal')!)).toBe(true);
  }, 180_000);
});
