import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { KAFKA_PRINCIPALS, kafkaPasswordSecretName } from '@estafette/contracts';
import { kafkaPrincipals, POSTGRES_SIZING_FLAGS, startEmbeddedPostgres, startKafka } from '@estafette/infra';

/** A running broker and database server for a test run, and how to let go of them. */
export interface TestInfra {
  kafkaBrokers: string;
  /** URL of the server's maintenance database; suites create their own databases on it. */
  databaseUrl: string;
  origin: 'environment' | 'testcontainers' | 'local';
  /**
   * KAFKA_PASSWORD_<PRINCIPAL> for every principal the broker knows (fresh for the run); empty when the broker runs
   * without SASL (testcontainers). Handed to suites through the environment: kafkaAccess() and serviceKafka() read it.
   */
  kafkaSecrets: Record<string, string>;
  release(): Promise<void>;
}

type Log = (line: string) => void;

/**
 * Endpoints from the environment when set (KAFKA_BROKERS + DATABASE_URL), else testcontainers when a
 * Docker engine answers, else a local Kafka broker (Apache Kafka's jars) and an embedded PostgreSQL.
 */
export async function acquireTestInfra(log: Log = (l) => process.stderr.write(`[test-infra] ${l}\n`)): Promise<TestInfra> {
  const { KAFKA_BROKERS, DATABASE_URL } = process.env;
  if (KAFKA_BROKERS && DATABASE_URL) {
    const kafkaSecrets = Object.fromEntries(
      KAFKA_PRINCIPALS.map(kafkaPasswordSecretName).flatMap((n) => (process.env[n] ? [[n, process.env[n]!]] : [])),
    );
    return { kafkaBrokers: KAFKA_BROKERS, databaseUrl: DATABASE_URL, origin: 'environment', kafkaSecrets, release: async () => {} };
  }
  if (dockerEngineMayAnswer()) {
    try {
      return await startWithTestcontainers(log);
    } catch (error) {
      log(`Docker engine did not serve containers (${(error as Error).message}); using the local path`);
    }
  }
  return startLocally(log);
}

function dockerEngineMayAnswer(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

async function startWithTestcontainers(log: Log): Promise<TestInfra> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  // The container's broker runs without SASL and ACLs (its image is configured by the module): the suites run, but
  // the ACL fault test is for the local path, which CI runs.
  log('starting Kafka and PostgreSQL with testcontainers (Kafka WITHOUT authentication and ACLs: the local path has them)');
  const [kafka, postgres] = await Promise.all([
    new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
    new PostgreSqlContainer('postgres:17-alpine').withCommand(['postgres', ...POSTGRES_SIZING_FLAGS]).start(),
  ]);
  const databaseUrl = new URL(postgres.getConnectionUri());
  databaseUrl.pathname = '/postgres';
  return {
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    databaseUrl: databaseUrl.href,
    origin: 'testcontainers',
    kafkaSecrets: {},
    release: async () => {
      await Promise.all([kafka.stop(), postgres.stop()]);
    },
  };
}

async function startLocally(log: Log): Promise<TestInfra> {
  // /tmp, not the repository: PostgreSQL run for root must be able to enter the directory.
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'estafette-test-'));
  await fs.chmod(workDir, 0o755);
  log(`starting a local Kafka broker and PostgreSQL in ${workDir}`);
  // Every principal with a password of this run alone.
  const kafkaSecrets = Object.fromEntries(KAFKA_PRINCIPALS.map((p) => [kafkaPasswordSecretName(p), randomBytes(32).toString('base64url')]));
  const principals = kafkaPrincipals(kafkaSecrets);
  const started = await Promise.allSettled([
    startKafka({ dataDir: path.join(workDir, 'kafka'), log, admin: principals.admin, users: principals.users }),
    startEmbeddedPostgres({ dataDir: path.join(workDir, 'postgres'), log }),
  ]);
  const [kafka, postgres] = started;
  if (kafka.status === 'rejected' || postgres.status === 'rejected') {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    await fs.rm(workDir, { recursive: true, force: true });
    const reasons = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason?.message ?? s.reason)] : []));
    throw new Error(`Test infrastructure did not start:\n- ${reasons.join('\n- ')}`);
  }
  return {
    kafkaBrokers: kafka.value.brokers.join(','),
    databaseUrl: postgres.value.url('postgres'),
    origin: 'local',
    kafkaSecrets,
    release: async () => {
      await Promise.all([kafka.value.stop(), postgres.value.stop()]);
      await fs.rm(workDir, { recursive: true, force: true });
    },
  };
}
