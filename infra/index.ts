export { startKafka, type KafkaBroker, type StartKafkaOptions } from './kafka/kafka-broker.js';
export { ensureKafkaJars, KAFKA_VERSION } from './kafka/fetch-kafka.js';
export { provisionTopics, type TopicSpec } from './topics/provision-topics.js';
export { ensureDatabases, postgresFromEnvironment, startEmbeddedPostgres, type PostgresServer } from './postgres/postgres-server.js';
export { freePort } from './platform/free-port.js';
