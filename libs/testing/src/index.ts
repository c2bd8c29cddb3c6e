export { acquireTestInfra, type TestInfra } from './test-infra.js';
export {
  createTestDatabase,
  kafkaBrokers,
  provisionTestTopics,
  rolesConnectedTo,
  uniqueTopicPrefix,
  type TestDatabase,
} from './isolation.js';
export { startTestIssuer, type TestIssuer, type TokenRequest } from './test-issuer.js';
export { eventually } from './eventually.js';
export { sql } from './sql.js';
export { TEST_ORGANISATION_DIRECTORY } from './test-organisation-directory.js';
export { startServiceUnderTest, type ServiceUnderTest, type TestServiceConfig } from './service-under-test.js';
export { pseudonym } from './pseudonym.js';
export { measuredRetentionRun, oldAccessLogLine, rowsMentioning, type RetentionMeasure } from './retention.js';
export { migrateStepOf, type MigrateStep } from './migrate-step.js';
export { kafkaAccess, kafkaCredentialsOf, serviceKafka, serviceOfLabel, type KafkaCredentials } from './kafka-access.js';
