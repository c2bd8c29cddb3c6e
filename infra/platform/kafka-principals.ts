// The platform's Kafka principals with their passwords (from the platform secrets), and provisioning the bus as them:
// topics as the ops principal, ACLs as the admin (docs/security.md, Kafka).
import {
  kafkaAcls,
  KAFKA_ADMIN_PRINCIPAL,
  KAFKA_OPS_PRINCIPAL,
  KAFKA_PRINCIPALS,
  kafkaPasswordSecretName,
  topics,
} from '@estafette/contracts';
import type { KafkaScramUser } from '../kafka/kafka-broker.js';
import { provisionAcls } from '../topics/provision-acls.js';
import { provisionTopics } from '../topics/provision-topics.js';

export interface KafkaPrincipals {
  admin: KafkaScramUser;
  ops: KafkaScramUser;
  /** Every principal but the admin (ops and one per service): what the broker is started with next to the admin. */
  users: KafkaScramUser[];
}

/**
 * Each principal of KAFKA_PRINCIPALS with its password, read from the platform secrets (name -> value, PLATFORM_SECRETS).
 * Throws naming the first missing secret.
 */
export function kafkaPrincipals(secrets: Readonly<Record<string, string | undefined>>): KafkaPrincipals {
  const all = KAFKA_PRINCIPALS.map((username) => principal(secrets, username));
  return { ...kafkaProvisioners(secrets), users: all.filter((u) => u.username !== KAFKA_ADMIN_PRINCIPAL) };
}

/**
 * Only the two principals provisionBus() needs (admin: ACLs, ops: topics), read from the platform secrets: what
 * compose's `prepare` holds, and nothing more. Throws naming the first missing secret.
 */
export function kafkaProvisioners(secrets: Readonly<Record<string, string | undefined>>): Provisioners {
  return { admin: principal(secrets, KAFKA_ADMIN_PRINCIPAL), ops: principal(secrets, KAFKA_OPS_PRINCIPAL) };
}

/** The principals provisionBus() acts as. */
export type Provisioners = Pick<KafkaPrincipals, 'admin' | 'ops'>;

function principal(secrets: Readonly<Record<string, string | undefined>>, username: string): KafkaScramUser {
  const password = secrets[kafkaPasswordSecretName(username)];
  if (!password) throw new Error(`${kafkaPasswordSecretName(username)} is not set: the password of Kafka principal ${username}`);
  return { username, password };
}

/**
 * Every ACL of kafkaAcls(prefix) as the admin, then the topics (with their dead-letter topics) as the ops principal.
 * Idempotent; `principals` null: a broker without SASL (topics only, and it says so).
 */
export async function provisionBus(
  brokers: string[],
  principals: Provisioners | null,
  opts: { prefix: string; log: (line: string) => void },
): Promise<void> {
  if (!principals) {
    opts.log('Kafka without SASL: no ACLs applied, every client may read and write every topic');
    await provisionTopics(brokers, [...topics], { prefix: opts.prefix, log: opts.log, sasl: null });
    return;
  }
  // ACLs first: the ops principal creates the topics under them (an ACL may name a topic that does not exist yet).
  await provisionAcls(brokers, principals.admin, kafkaAcls(opts.prefix), { log: opts.log });
  // The broker applies new ACLs from its metadata log a moment after the controller committed them.
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await provisionTopics(brokers, [...topics], { prefix: opts.prefix, log: opts.log, sasl: principals.ops });
      return;
    } catch (error) {
      if (!notYetAuthorized(error) || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

// kafkajs reports a refused CreateTopics as one aggregate of per-topic errors.
function notYetAuthorized(error: unknown): boolean {
  const all = [error, ...((error as { errors?: unknown[] }).errors ?? [])];
  return all.some((e) => /authoriz/i.test((e as Error)?.message ?? ''));
}

/** The Kafka password secrets (KAFKA_PASSWORD_<PRINCIPAL>) found in an environment: those the broker was started with. */
export function kafkaSecretsFrom(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(KAFKA_PRINCIPALS.map(kafkaPasswordSecretName).flatMap((name) => (env[name] ? [[name, env[name]!]] : [])));
}
