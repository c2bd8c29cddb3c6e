// The platform as fault tests need it: a real broker and PostgreSQL this suite owns (so it can stop and
// start them), and the services as real processes (so they can be killed with SIGKILL).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  freePort,
  kafkaPrincipals,
  migrateServices,
  provisionBus,
  provisionServiceDatabases,
  randomPlatformSecrets,
  RestartableKafka,
  RestartablePostgres,
  ServiceProcess,
} from '@estafette/infra';
import { deadLetterTopics, kafkaPrincipalOf } from '@estafette/contracts';
import { startTestIssuer, uniqueTopicPrefix, type TestIssuer } from '@estafette/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { KafkaPrincipals } from '@estafette/infra';

const say = (line: string) => process.stderr.write(`[faults] ${line}\n`);

export interface FaultPlatform {
  kafka: RestartableKafka;
  postgres: RestartablePostgres;
  /** The RMC's own server when requested (database outage scenario), else the shared one. */
  rmcPostgres: RestartablePostgres;
  issuer: TestIssuer;
  prefix: string;
  school: ServiceProcess;
  rmc: ServiceProcess;
  workDir: string;
  /** A client as the ops principal (reads and writes every topic of the prefix). */
  admin(): Kafka;
  /** Every principal of this broker with its password (kafkaPrincipals()). */
  principals: KafkaPrincipals;
  close(): Promise<void>;
}

/**
 * Broker, PostgreSQL (one, or a second one just for the RMC), a token issuer, the topics under a fresh
 * prefix, and the school and RMC processes, healthy. close() stops all of it; call it in afterAll.
 */
export async function startFaultPlatform(label: string, opts: { ownRmcPostgres?: boolean } = {}): Promise<FaultPlatform> {
  const workDir = mkdtempSync(path.join(tmpdir(), `estafette-faults-${label}-`));
  chmodSync(workDir, 0o755); // run as root, PostgreSQL runs as the 'postgres' user and must enter it
  const stops: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        say(`while stopping: ${(error as Error).message}`);
      }
    }
    if (process.env.FAULTS_KEEP_LOGS) say(`logs kept in ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  };
  try {
    // Started side by side; whatever did start is stopped again when another part fails.
    // Fresh passwords for this suite's own broker.
    const principals = kafkaPrincipals(randomPlatformSecrets({}));
    const [k, p, i] = await Promise.allSettled([
      RestartableKafka.start(path.join(workDir, 'kafka'), say, principals),
      RestartablePostgres.start(path.join(workDir, 'postgres'), say),
      startTestIssuer(),
    ]);
    if (k.status === 'fulfilled') stops.push(() => k.value.stop());
    if (p.status === 'fulfilled') stops.push(() => p.value.stop());
    if (i.status === 'fulfilled') stops.push(() => i.value.close());
    for (const r of [k, p, i]) if (r.status === 'rejected') throw r.reason;
    const [kafka, postgres, issuer] = [
      (k as PromiseFulfilledResult<RestartableKafka>).value,
      (p as PromiseFulfilledResult<RestartablePostgres>).value,
      (i as PromiseFulfilledResult<TestIssuer>).value,
    ];
    let rmcPostgres = postgres;
    if (opts.ownRmcPostgres) {
      rmcPostgres = await RestartablePostgres.start(path.join(workDir, 'postgres-rmc'), say);
      stops.push(() => rmcPostgres.stop());
    }
    // Each database with its owner and runtime roles, migrated by the owner; the services run as their runtime role.
    const databases = [
      ...(await provisionServiceDatabases(postgres.url('postgres'), [{ service: 'school', database: 'school' }])),
      ...(await provisionServiceDatabases(rmcPostgres.url('postgres'), [{ service: 'rmc', database: 'rmc' }])),
    ];
    await migrateServices(databases);
    const appUrl = (service: string) => databases.find((d) => d.service === service)!.appUrl;
    const prefix = uniqueTopicPrefix();
    await provisionBus(kafka.brokers, principals, { prefix, log: () => {} });
    const kafkaLogin = (service: string) => ({
      KAFKA_USERNAME: kafkaPrincipalOf(service),
      KAFKA_PASSWORD: principals.users.find((u) => u.username === kafkaPrincipalOf(service))!.password,
    });

    const [schoolPort, rmcPort] = [await freePort(), await freePort()];
    const common: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      ...issuer.env,
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
    };
    const school = new ServiceProcess(
      {
        name: 'school',
        port: schoolPort,
        env: {
          ...common,
          ...kafkaLogin('school'),
          SCHOOL_PORT: String(schoolPort),
          SCHOOL_DATABASE_URL: appUrl('school'),
          SCHOOL_PSEUDONYM_SECRET: 'fault-test-secret-of-at-least-thirty-two-bytes',
          SCHOOL_INTAKE_RATE_LIMIT: '1000000',
        },
      },
      path.join(workDir, 'school.log'),
    );
    const rmc = new ServiceProcess(
      {
        name: 'rmc',
        port: rmcPort,
        env: {
          ...common,
          ...kafkaLogin('rmc'),
          RMC_PORT: String(rmcPort),
          SCHOOL_PORT: String(schoolPort),
          RMC_DATABASE_URL: appUrl('rmc'),
          RMC_TIMER_INTERVAL_MS: '60000',
        },
      },
      path.join(workDir, 'rmc.log'),
    );
    // Stopped before the broker and databases (pushed last, so they run first).
    stops.push(
      () => school.stop(),
      () => school.close(),
    );
    stops.push(
      () => rmc.stop(),
      () => rmc.close(),
    );
    const started = await Promise.allSettled([school.start(), rmc.start()]);
    for (const r of started) if (r.status === 'rejected') throw r.reason;
    return {
      kafka,
      postgres,
      rmcPostgres,
      issuer,
      prefix,
      school,
      rmc,
      workDir,
      principals,
      admin: () =>
        new Kafka({
          clientId: `faults-${label}`,
          brokers: kafka.brokers,
          logLevel: logLevel.NOTHING,
          sasl: { mechanism: 'scram-sha-512', ...principals.ops },
        }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Every dead-letter topic under the prefix with how many records it holds. */
export async function deadLetterCounts(platform: FaultPlatform): Promise<Record<string, number>> {
  const admin = platform.admin().admin();
  await admin.connect();
  try {
    const counts: Record<string, number> = {};
    for (const d of deadLetterTopics) {
      const offsets = await admin.fetchTopicOffsets(`${platform.prefix}${d.name}`);
      counts[d.name] = offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
    }
    return counts;
  } finally {
    await admin.disconnect();
  }
}
