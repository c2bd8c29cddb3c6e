import { BUS_ACCESS, KAFKA_OPS_PRINCIPAL, kafkaPasswordSecretName, kafkaPrincipalOf } from '@estafette/contracts';
import { kafkaBrokers } from './isolation.js';

/** A SCRAM principal (the same shape as @estafette/messaging's KafkaCredentials, which this library cannot depend on). */
export interface KafkaCredentials {
  username: string;
  password: string;
}

/**
 * The credentials of a principal of this test run's broker (KAFKA_PASSWORD_<PRINCIPAL>, set by the test infra); null
 * when the broker runs without SASL (testcontainers: no passwords in the environment).
 */
export function kafkaCredentialsOf(principal: string): KafkaCredentials | null {
  const password = process.env[kafkaPasswordSecretName(principal)];
  return password ? { username: principal, password } : null;
}

/**
 * Brokers and the ops principal: what a test or tool that plays other services (publishes any type, reads any topic)
 * connects as, e.g. `createKafka({ ...kafkaAccess(), clientId })`. The one way tests get Kafka credentials.
 */
export function kafkaAccess(): { brokers: string[]; sasl: KafkaCredentials | null } {
  return { brokers: kafkaBrokers(), sasl: kafkaCredentialsOf(KAFKA_OPS_PRINCIPAL) };
}

/** A service's own principal's part of its ServiceConfig: what a service under test connects as. */
export function serviceKafka(service: string): { kafkaBrokers: string[]; kafkaSasl: KafkaCredentials | null } {
  return { kafkaBrokers: kafkaBrokers(), kafkaSasl: kafkaCredentialsOf(kafkaPrincipalOf(service)) };
}

/**
 * The service a test label stands for: the one whose name (without hyphens) the label starts with, e.g. `schoolmatrix`
 * -> `school`, `werkinkomenmatrix` -> `werk-inkomen`. Its principal is what a service under test connects as, and its
 * name is what its consumer groups must start with (the broker's group ACLs). Errors: no service fits the label.
 */
export function serviceOfLabel(label: string): string {
  const flat = label.replace(/-/g, '');
  const fits = BUS_ACCESS.map((a) => a.service)
    .filter((service) => flat.startsWith(service.replace(/-/g, '')))
    .sort((a, b) => b.length - a.length);
  if (!fits[0])
    throw new Error(`test label ${label} does not start with a service's name (${BUS_ACCESS.map((a) => a.service).join(', ')})`);
  return fits[0];
}
