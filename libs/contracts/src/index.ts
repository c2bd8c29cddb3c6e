export type { CloudEvent, EventDefinition, ValidationResult } from './cloud-event.js';
export { eventDefinitions, findEventDefinition, topicFor } from './event-definitions.js';
export { validateEvent, isPseudonymousReference } from './validate.js';
export { createEvent, InvalidEventError, type CreateEventFields } from './create-event.js';
export {
  topics,
  deadLetterTopics,
  TOPIC_PARTITIONS,
  TOPIC_RETENTION_MS,
  DEAD_LETTER_RETENTION_MS,
  type TopicDefinition,
  type DeadLetterTopicDefinition,
  type TopicName,
} from './topics.js';
export { envelopeSchema, SCHEMA_BASE_URI, SOURCE_PATTERN, TRACEPARENT_PATTERN, EVENT_TYPE_PATTERN } from './envelope.js';
export { PSEUDONYMOUS_REFERENCE_PATTERN, schoolLevel, schoolType } from './fields.js';
export type { FromSchema } from './schema-types.js';
export { renderAsyncApi } from './asyncapi.js';
export * from './events/uitschrijving.js';
export * from './events/uitschrijving-correctie.js';
export * from './events/inschrijving.js';
export * from './events/vsv-melding.js';
export * from './events/overdracht.js';
export * from './events/plaatsing.js';
export * from './events/uitval-na-plaatsing.js';
export * from './events/toestemming.js';
export * from './events/regie.js';
export * from './events/audit.js';
export {
  assertSoundSecrets,
  isDevelopment,
  PLATFORM_SECRETS,
  SECRET_MIN_LENGTH,
  SECRETS_OF_SERVICE,
  secretProblems,
  SERVICE_CLIENT_KINDS,
  serviceClientSecretName,
  type SecretProblem,
  type ServiceClientKind,
} from './platform-secrets.js';
export {
  buildRouter,
  DEFAULT_REGION_MAP_FILE,
  loadRegionMap,
  type RegionMap,
  type RegionOverrides,
  type RegionRouter,
  type RegionSettings,
  type RoutedRegion,
} from './rmc-regions.js';
export { IndelingError, parseIndeling, type CbsRegion, type Indeling, type IndelingFiles, type Merger } from './indeling/indeling.js';
export { DEFAULT_INDELING_DIR, loadIndeling, platformIndeling } from './indeling/load-indeling.js';
export { municipalityOn, regionOn, type MunicipalityOn } from './indeling/municipality-on.js';
export {
  BUS_ACCESS,
  KAFKA_ADMIN_PRINCIPAL,
  KAFKA_OPS_PRINCIPAL,
  KAFKA_PRINCIPALS,
  KAFKA_SASL_MECHANISM,
  kafkaAcls,
  kafkaPasswordSecretName,
  kafkaPrincipalOf,
  producersOf,
  producersOfTopic,
  topicsReadBy,
  topicsWrittenBy,
  type AclOperation,
  type AclResource,
  type AclRule,
  type BusAccess,
} from './bus-access.js';
