// The platform as the portal's browser test needs it: the real services as processes (their own main.ts,
// configured through the environment as in production) on the test run's broker and PostgreSQL.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  demoOrganisationsSeed,
  freePort,
  migrateServices,
  randomPlatformSecrets,
  repoRoot,
  serviceEnvironment,
  ServiceProcess,
} from '@estafette/infra';
import { createTestDatabase, kafkaBrokers, provisionTestTopics, uniqueTopicPrefix, type TestDatabase } from '@estafette/testing';

const NAMES = ['identity', 'school', 'rmc', 'werk-inkomen', 'consent', 'monitor', 'organisations', 'portal'] as const;
type Name = (typeof NAMES)[number];
const WITH_DATABASE: Name[] = ['school', 'rmc', 'werk-inkomen', 'consent', 'monitor', 'organisations'];
/** Started only when a test asks (startPlatform({ monitor: true })): the ops pages' test needs it, the others do not. */
const OPTIONAL: Name[] = ['monitor'];

export interface Platform {
  url: Record<Name, string>;
  /** The identity's generated demo password and school client secrets (its dev-state file). */
  demoPassword: string;
  clientSecret(clientId: string): string;
  workDir: string;
  /** The run's Kafka topic prefix (a test that puts records on the bus itself needs it). */
  topicPrefix: string;
  /** A service's test database (a test that lets stored time pass, e.g. a durable timer's due time, needs it). */
  databaseUrl(name: Name): string;
  close(): Promise<void>;
}

const envKey = (name: string) => name.toUpperCase().replace(/-/g, '_');

export async function startPlatform(options: { monitor?: boolean } = {}): Promise<Platform> {
  const wanted = (n: Name) => !OPTIONAL.includes(n) || options.monitor === true;
  const workDir = mkdtempSync(path.join(tmpdir(), 'estafette-portal-'));
  chmodSync(workDir, 0o755);
  const prefix = uniqueTopicPrefix();
  const dbs: Partial<Record<Name, TestDatabase>> = {};
  const processes: ServiceProcess[] = [];
  const close = async () => {
    await Promise.allSettled(
      processes.reverse().map(async (p) => {
        await p.stop();
        p.close();
      }),
    );
    await Promise.allSettled(Object.values(dbs).map((d) => d!.drop()));
    if (!process.env.PORTAL_TEST_KEEP_LOGS) rmSync(workDir, { recursive: true, force: true });
  };
  try {
    await provisionTestTopics(prefix);
    for (const name of WITH_DATABASE.filter(wanted)) dbs[name] = await createTestDatabase(`portal${name}`);
    const port = {} as Record<Name, number>;
    for (const name of NAMES) port[name] = await freePort();
    const url = Object.fromEntries(NAMES.map((n) => [n, `http://127.0.0.1:${port[n]}`])) as Record<Name, string>;
    const secrets = randomPlatformSecrets();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      OIDC_ISSUER: url.identity,
      OIDC_AUDIENCE: 'estafette-api',
      PORTAL_ORIGIN: url.portal,
      CONSENT_SERVICE_URL: url.consent,
      // Receivers are checked against the organisation directory, seeded with the demo organisations as npm start does.
      ORGANISATIONS_SERVICE_URL: url.organisations,
      ORGANISATIONS_SEED: demoOrganisationsSeed(repoRoot),
      // A loaded test machine can take longer than the production 2 s; the decision itself is what the test checks.
      CONSENT_TIMEOUT_MS: '10000',
      IDENTITY_STATE_FILE: path.join(workDir, 'identity', 'dev-state.json'),
      IDENTITY_TOKEN_RATE_LIMIT: '1000',
      RMC_TIMER_INTERVAL_MS: '1000',
      // The consent service verifies and anchors its audit chains every 2 s here (5 minutes by default).
      CONSENT_AUDIT_INTERVAL_MS: '2000',
      WERK_INKOMEN_TIMER_INTERVAL_MS: '1000',
      ...Object.fromEntries(
        NAMES.flatMap((n) => [
          [`${envKey(n)}_PORT`, String(port[n])],
          [`${envKey(n)}_URL`, url[n]],
        ]),
      ),
    };
    // As npm start: each database migrated by its owner first; each service then gets only its own runtime role.
    await migrateServices(
      WITH_DATABASE.filter(wanted).map((n) => ({ service: n, database: dbs[n]!.name, ownerUrl: dbs[n]!.ownerUrl, appUrl: dbs[n]!.url })),
    );
    // The provider first (the others discover its keys), then the services side by side, the portal last.
    const start = (name: Name) => {
      // Each service only the secrets it reads, as npm start gives them; the portal none.
      const p = new ServiceProcess(
        {
          name,
          port: port[name],
          env: { ...serviceEnvironment(name, env, secrets), ...(dbs[name] ? { [`${envKey(name)}_DATABASE_URL`]: dbs[name].url } : {}) },
        },
        path.join(workDir, `${name}.log`),
      );
      processes.push(p);
      // Five Nest services starting side by side on a loaded 2-core machine can take well over the default 90 s.
      return p.start(180_000);
    };
    await start('identity');
    const started = await Promise.allSettled(WITH_DATABASE.filter(wanted).map(start));
    for (const r of started) if (r.status === 'rejected') throw r.reason;
    await start('portal');
    const state = JSON.parse(readFileSync(env.IDENTITY_STATE_FILE!, 'utf8')) as {
      demoPassword: string;
      clientSecrets: Record<string, string>;
    };
    return {
      url,
      demoPassword: state.demoPassword,
      clientSecret: (id) => state.clientSecrets[id]!,
      workDir,
      topicPrefix: prefix,
      databaseUrl: (name) => dbs[name]!.url,
      close,
    };
  } catch (error) {
    process.env.PORTAL_TEST_KEEP_LOGS = '1';
    process.stderr.write(`[portal test] platform did not start; logs kept in ${workDir}\n`);
    await close();
    throw error;
  }
}

/**
 * An access token of a school system (OAuth client credentials at the identity service), as a school's own software
 * gets one; `clientId` is a client of the demo identity (school-25xy by default).
 */
export async function schoolSystemToken(platform: Platform, clientId = 'school-25xy'): Promise<string> {
  const res = await fetch(`${platform.url.identity}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${platform.clientSecret(clientId)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api' }),
  });
  if (res.status !== 200) throw new Error(`no token for ${clientId}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** An access token of a demo user (the password grant of the development client), for steps a test takes through the APIs. */
export async function userToken(platform: Platform, username: string): Promise<string> {
  const res = await fetch(`${platform.url.identity}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'estafette-dev-cli', username, password: platform.demoPassword }),
  });
  if (res.status !== 200) throw new Error(`no token for ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
