export { startKafka, type KafkaBroker, type KafkaScramUser, type StartKafkaOptions } from './kafka/kafka-broker.js';
export { ensureKafkaJars, KAFKA_VERSION } from './kafka/fetch-kafka.js';
export { provisionTopics, type TopicSpec } from './topics/provision-topics.js';
export { aclEntry, provisionAcls } from './topics/provision-acls.js';
export {
  ensureDatabases,
  postgresFromEnvironment,
  POSTGRES_SIZING_FLAGS,
  startEmbeddedPostgres,
  type PostgresServer,
} from './postgres/postgres-server.js';
export { freePort } from './platform/free-port.js';
export { ServiceProcess, repoRoot, type ServiceSpec } from './platform/service-process.js';
export { RestartableKafka, RestartablePostgres } from './platform/restartable.js';
export { demoOrganisationsSeed, discoverServices, type ServiceDescription } from './platform/services.js';
export { startProcessPlatform, type ProcessPlatform, type ProcessPlatformOptions } from './platform/process-platform.js';
export { bsnFor, vsvLeaverBody } from './platform/vsv-leaver.js';
export { platformDataDir } from './platform/data-dir.js';
export {
  dropDatabaseRoles,
  ensureDatabaseRoles,
  databaseRolesSql,
  loginOf,
  roleNames,
  urlAs,
  type DatabaseRoles,
  type RoleLogin,
} from './postgres/database-roles.js';
export {
  databaseUrlVariable,
  migrateServices,
  migrationUrlVariable,
  provisionServiceDatabases,
  type ServiceDatabase,
} from './platform/service-databases.js';
export { randomPlatformSecrets, secretsFor, serviceEnvironment, withoutSecrets } from './platform/service-environment.js';
export { kafkaPrincipals, kafkaSecretsFrom, provisionBus, type KafkaPrincipals } from './platform/kafka-principals.js';
export { idleCpuPercent, processCpuSeconds } from './platform/idle-cpu.js';
