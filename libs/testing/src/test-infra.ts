import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, startKafka } from '@estafette/infra';

/** A running broker and database server for a test run, and how to let go of them. */
export interface TestInfra {
  kafkaBrokers: string;
  /** URL of the server's maintenance database; suites create their own databases on it. */
  databaseUrl: string;
  origin: 'environment' | 'testcontainers' | 'local';
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
    return { kafkaBrokers: KAFKA_BROKERS, databaseUrl: DATABASE_URL, origin: 'environment', release: async () => {} };
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
  log('starting Kafka and PostgreSQL with testcontainers');
  const [kafka, postgres] = await Promise.all([
    new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
    new PostgreSqlContainer('postgres:17-alpine').start(),
  ]);
  const databaseUrl = new URL(postgres.getConnectionUri());
  databaseUrl.pathname = '/postgres';
  return {
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    databaseUrl: databaseUrl.href,
    origin: 'testcontainers',
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
  const started = await Promise.allSettled([
    startKafka({ dataDir: path.join(workDir, 'kafka'), log }),
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
    release: async () => {
      await Promise.all([kafka.value.stop(), postgres.value.stop()]);
      await fs.rm(workDir, { recursive: true, force: true });
    },
  };
}
