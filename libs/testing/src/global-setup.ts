import { acquireTestInfra, type TestInfra } from './test-infra.js';

/** Jest global setup: one broker and one database server per jest run, handed to suites by environment. */
export default async function globalSetup(): Promise<void> {
  const infra = await acquireTestInfra();
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.DATABASE_URL = infra.databaseUrl;
  Object.assign(process.env, infra.kafkaSecrets);
  (globalThis as { __estafetteInfra?: TestInfra }).__estafetteInfra = infra;
}
