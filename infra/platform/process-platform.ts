// Every service as its own process on a broker and database server that already run (the test infra or a
// developer's): what the chain benchmark measures and what the demo's integration test plays against.
// Each run gets its own databases (<dbPrefix><name>) and topic prefix, so runs never see each other's data.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { kafkaPrincipals, provisionBus } from './kafka-principals.js';
import type { PostgresServer } from '../postgres/postgres-server.js';
import { databaseUrlVariable, migrateServices, provisionServiceDatabases } from './service-databases.js';
import { freePort } from './free-port.js';
import { repoRoot, ServiceProcess } from './service-process.js';
import { randomPlatformSecrets, serviceEnvironment } from './service-environment.js';
import { demoOrganisationsSeed, discoverServices, type ServiceDescription } from './services.js';

export interface ProcessPlatformOptions {
  /** Logs and the identity provider's state (dev-state.json with the demo secrets) go here. */
  workDir: string;
  postgres: PostgresServer;
  kafkaBrokers: string[];
  topicPrefix: string;
  dbPrefix: string;
  /** Services every caller needs; one of these failing to start fails the start. Others are started best-effort. */
  required: string[];
  /** Only these (default: every discovered service). */
  only?: string[];
  /** Not these. */
  exclude?: string[];
  /** Extra environment for every service (e.g. a raised intake rate limit). */
  env?: NodeJS.ProcessEnv;
  nodeArgs?: string[];
  /** Services to run twice (the second as `<name>#2`, same database and consumer group): scale-out tests. */
  replicas?: string[];
  log: (line: string) => void;
}

export interface ProcessPlatform {
  services: Map<string, ServiceProcess>;
  /** Services that did not come up (best-effort ones only), with why. */
  skipped: Record<string, string>;
  issuer: string;
  /** The administrator's URL of a service's database: for a test or benchmark that inspects it (the service itself runs as its runtime role). */
  databaseUrl(service: string): string;
  /** Where the identity provider keeps its demo password and client secrets. */
  identityStateFile: string;
  /** The environment every service got (ports, URLs), without secrets. */
  env: NodeJS.ProcessEnv;
  /** The platform's secrets (PLATFORM_SECRETS), each given only to the services that read it (serviceEnvironment). */
  secrets: Record<string, string>;
  stop(): Promise<void>;
}

const envKey = (name: string) => name.toUpperCase().replace(/-/g, '_');

export async function startProcessPlatform(opts: ProcessPlatformOptions): Promise<ProcessPlatform> {
  const skipped: Record<string, string> = {};
  const described = discoverServices(repoRoot).filter((s) => {
    if ((opts.only && !opts.only.includes(s.name)) || opts.exclude?.includes(s.name)) return false;
    if (existsSync(s.entry)) return true;
    if (opts.required.includes(s.name)) throw new Error(`${s.name} is not built (${s.entry}); npm run build first`);
    skipped[s.name] = 'not built';
    return false;
  });
  const databaseName = (s: ServiceDescription) => `${opts.dbPrefix}${s.database}`;
  // Each database with its owner and runtime roles, migrated by the owner; the services get only their runtime role.
  const databases = await provisionServiceDatabases(
    opts.postgres.url('postgres'),
    described.flatMap((s) => (s.database ? [{ service: s.name, database: databaseName(s) }] : [])),
  );
  await migrateServices(databases);
  // Kafka passwords are the broker's (the test infra's, in the environment); every other secret is fresh for this run.
  const secrets = randomPlatformSecrets({ ...process.env, ...opts.env });
  await provisionBus(opts.kafkaBrokers, kafkaPrincipals(secrets), { prefix: opts.topicPrefix, log: () => {} });

  const ports = new Map<string, number>();
  for (const s of described) {
    let port = await freePort();
    while ([...ports.values()].includes(port)) port = await freePort();
    ports.set(s.name, port);
  }
  const identityStateFile = path.join(opts.workDir, 'identity', 'dev-state.json');
  const issuer = `http://127.0.0.1:${ports.get('identity')}`;
  const common: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ESTAFETTE_DATA_DIR: opts.workDir,
    IDENTITY_STATE_FILE: identityStateFile,
    KAFKA_BROKERS: opts.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: opts.topicPrefix,
    OIDC_ISSUER: issuer,
    OIDC_AUDIENCE: 'estafette-api',
    CONSENT_SERVICE_URL: ports.has('consent') ? `http://127.0.0.1:${ports.get('consent')}` : undefined,
    ORGANISATIONS_SERVICE_URL: ports.has('organisations') ? `http://127.0.0.1:${ports.get('organisations')}` : undefined,
    // The demo organisations (the demo's schools, W&I department and care provider) are registered at its start.
    ORGANISATIONS_SEED: demoOrganisationsSeed(repoRoot),
    ...Object.fromEntries(described.map((s) => [`${envKey(s.name)}_PORT`, String(ports.get(s.name))])),
    ...opts.env,
  };
  const services = new Map<string, ServiceProcess>();
  for (const s of described)
    services.set(
      s.name,
      new ServiceProcess(
        {
          name: s.name,
          port: ports.get(s.name)!,
          env: {
            ...serviceEnvironment(s.name, common, secrets),
            ...Object.fromEntries(databases.filter((d) => d.service === s.name).map((d) => [databaseUrlVariable(s.name), d.appUrl])),
          },
          nodeArgs: [...s.nodeOptions, ...(opts.nodeArgs ?? [])],
        },
        path.join(opts.workDir, `${s.name}.log`),
      ),
    );

  for (const name of opts.replicas ?? []) {
    const first = services.get(name);
    if (!first) continue;
    let port = await freePort();
    while ([...ports.values()].includes(port)) port = await freePort();
    ports.set(`${name}#2`, port);
    services.set(`${name}#2`, first.replica(port, path.join(opts.workDir, `${name}-2.log`)));
  }

  const stop = async () => {
    await Promise.all(
      [...services.values()].map(async (p) => {
        await p.stop().catch(() => {});
        p.close();
      }),
    );
  };
  try {
    // The provider first: every other service fetches its keys.
    const identity = services.get('identity');
    if (identity) await identity.start();
    const rest = [...services].filter(([, p]) => p !== identity);
    const started = await Promise.allSettled(
      rest.map(async ([, p]) => {
        await p.start(120_000);
        opts.log(`${p.name} up (pid ${p.pid}) at ${p.url}`);
      }),
    );
    for (const [i, r] of started.entries()) {
      if (r.status === 'fulfilled') continue;
      const [key, p] = rest[i]!;
      if (opts.required.includes(p.name)) throw r.reason;
      skipped[key] = (r.reason as Error).message;
      await p.stop();
      p.close();
      services.delete(key);
      opts.log(`${key} did not start (${skipped[key]}); going on without it`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    services,
    skipped,
    issuer,
    identityStateFile,
    env: common,
    secrets,
    databaseUrl: (name) => opts.postgres.url(`${opts.dbPrefix}${name.replace(/-/g, '_')}`),
    stop,
  };
}
