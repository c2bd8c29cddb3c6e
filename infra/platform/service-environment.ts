import { randomBytes } from 'node:crypto';
import { BUS_ACCESS, kafkaPrincipalOf, PLATFORM_SECRETS, SECRETS_OF_SERVICE } from '@estafette/contracts';
import { kafkaSecretsFrom } from './kafka-principals.js';

// Names under which a secret can reach a service: the platform's own, and the one a service reads as its client secret.
const SECRET_VARIABLES = new Set([...PLATFORM_SECRETS, ...Object.values(SECRETS_OF_SERVICE).flatMap((s) => Object.keys(s))]);

/** The environment without any secret, so a secret in the caller's shell does not reach every service. */
export function withoutSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !SECRET_VARIABLES.has(name)));
}

/**
 * The secrets one service gets: exactly the variables it reads (SECRETS_OF_SERVICE in @estafette/auth), each
 * filled from the platform secret behind it. monitor, organisations and the portal read none, so they get none.
 * `secrets` maps platform secret names (PLATFORM_SECRETS) to values; a missing one is left out.
 */
export function secretsFor(service: string, secrets: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(SECRETS_OF_SERVICE[service] ?? {}).flatMap(([variable, source]) =>
      secrets[source] ? [[variable, secrets[source]!]] : [],
    ),
  );
}

/**
 * What every service process runs with unless the caller's environment says otherwise: glibc's malloc keeps at most
 * two arenas (its default is eight per core, one for each thread that allocates: V8's and libuv's threads each
 * fragment one more). Measured in the bench's import: every service's peak RSS 4-11 MB lower (issue 19). The
 * Dockerfile sets the same.
 */
export const SERVICE_PROCESS_DEFAULTS: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/**
 * One service's environment: the process defaults, the shared one without secrets, plus that service's own (and its
 * Kafka principal's name).
 */
export function serviceEnvironment(
  service: string,
  shared: NodeJS.ProcessEnv,
  secrets: Readonly<Record<string, string | undefined>>,
): NodeJS.ProcessEnv {
  const onTheBus = BUS_ACCESS.some((a) => a.service === service);
  const { KAFKA_USERNAME: _theCallersOwn, ...rest } = withoutSecrets(shared);
  return {
    ...SERVICE_PROCESS_DEFAULTS,
    ...rest,
    ...(onTheBus ? { KAFKA_USERNAME: kafkaPrincipalOf(service) } : {}),
    ...secretsFor(service, secrets),
  };
}

/**
 * Fresh random values for every platform secret (32 bytes, base64url): a throw-away platform's secrets. The Kafka
 * passwords are taken from `env` where it has them: those are the running broker's (the test infra's).
 */
export function randomPlatformSecrets(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return { ...Object.fromEntries(PLATFORM_SECRETS.map((name) => [name, randomBytes(32).toString('base64url')])), ...kafkaSecretsFrom(env) };
}
