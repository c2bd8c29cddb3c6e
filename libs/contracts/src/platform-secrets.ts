/**
 * Which secret each service reads, and the check every service runs on them at start-up (docs/security.md, Secrets).
 * One map, so the platform hands out exactly what a service reads and the service checks exactly that.
 */
import { BUS_ACCESS, KAFKA_OPS_PRINCIPAL, KAFKA_PRINCIPALS, kafkaPasswordSecretName, kafkaPrincipalOf } from './bus-access.js';

/**
 * The kinds of service that have their own service client `estafette-<kind>-service` (docs/auth.md). `consent` is the
 * platform's own client (organisation type platform): the one caller of every service's inzage route (docs/privacy.md).
 */
export const SERVICE_CLIENT_KINDS = ['school', 'rmc', 'werk-inkomen', 'zorg', 'consent'] as const;
export type ServiceClientKind = (typeof SERVICE_CLIENT_KINDS)[number];

/** The platform's name for the secret of one service client, e.g. `WERK_INKOMEN_SERVICE_CLIENT_SECRET`. */
export function serviceClientSecretName(kind: ServiceClientKind): string {
  return `${kind.toUpperCase().replace(/-/g, '_')}_SERVICE_CLIENT_SECRET`;
}

// What the identity provider needs: the pseudonym key (the demo young person's subject) and every client's secret.
const IDENTITY_SECRETS: readonly string[] = ['SCHOOL_PSEUDONYM_SECRET', ...SERVICE_CLIENT_KINDS.map(serviceClientSecretName)];

/**
 * Every secret the platform generates or is given: the pseudonym key, one secret per service client, and the key of
 * the consent service's audit chains (CONSENT_AUDIT_KEY: kept out of its database, docs/security.md "Audit chains").
 */
export const PLATFORM_SECRETS: readonly string[] = [
  ...IDENTITY_SECRETS,
  'CONSENT_AUDIT_KEY',
  ...KAFKA_PRINCIPALS.map(kafkaPasswordSecretName),
];

/**
 * Per service: the environment variable it reads -> the platform secret that fills it. A service reads its own
 * client secret as ESTAFETTE_SERVICE_CLIENT_SECRET; only the identity provider sees every client's secret (it
 * registers them). Services on the bus also read their Kafka password (below); the portal gets no secret at all.
 */
const SECRETS_OUTSIDE_KAFKA: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  identity: Object.fromEntries(IDENTITY_SECRETS.map((name) => [name, name])),
  consent: { CONSENT_AUDIT_KEY: 'CONSENT_AUDIT_KEY', ESTAFETTE_SERVICE_CLIENT_SECRET: serviceClientSecretName('consent') },
  school: { SCHOOL_PSEUDONYM_SECRET: 'SCHOOL_PSEUDONYM_SECRET', ESTAFETTE_SERVICE_CLIENT_SECRET: serviceClientSecretName('school') },
  rmc: { ESTAFETTE_SERVICE_CLIENT_SECRET: serviceClientSecretName('rmc') },
  'werk-inkomen': { ESTAFETTE_SERVICE_CLIENT_SECRET: serviceClientSecretName('werk-inkomen') },
  zorg: { ESTAFETTE_SERVICE_CLIENT_SECRET: serviceClientSecretName('zorg') },
};

// Kafka: every service on the bus reads its own principal's password as KAFKA_PASSWORD (docs/security.md, Kafka);
// the monitor also the ops principal's, as KAFKA_OPS_PASSWORD, for dead-letter replay only.
export const SECRETS_OF_SERVICE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ...SECRETS_OUTSIDE_KAFKA,
  ...Object.fromEntries(
    BUS_ACCESS.map(({ service }) => [
      service,
      {
        ...SECRETS_OUTSIDE_KAFKA[service],
        KAFKA_PASSWORD: kafkaPasswordSecretName(kafkaPrincipalOf(service)),
        ...(service === 'monitor' ? { KAFKA_OPS_PASSWORD: kafkaPasswordSecretName(KAFKA_OPS_PRINCIPAL) } : {}),
      },
    ]),
  ),
};

/** Shortest secret accepted outside development, in characters (32 random bytes are 43 in base64url). */
export const SECRET_MIN_LENGTH = 32;

// The defaults docker-compose.yml ships with, and words people put in a value they mean to replace.
const PLACEHOLDER =
  /change[-_ ]?me|replace[-_ ]?me|placeholder|example|dummy|your[-_ ]?secret|secret[-_ ]?here|^(secret|password|wachtwoord)$/i;
const MIN_DISTINCT_CHARACTERS = 10;

export interface SecretProblem {
  /** The environment variable; never the value. */
  name: string;
  reason: string;
}

/**
 * Pure: what is wrong with these secrets (name -> value; absent values are not checked: a service that lacks an
 * optional secret fails closed on its own). Placeholder, too short, too little variety, or the same value under two
 * names (one leaked secret must not unlock two things). Source: design (issue 21, part 6).
 */
export function secretProblems(secrets: Record<string, string | undefined>): SecretProblem[] {
  const problems: SecretProblem[] = [];
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(secrets)) {
    if (value === undefined || value === '') continue;
    if (PLACEHOLDER.test(value)) problems.push({ name, reason: 'is a placeholder: generate a random one (e.g. openssl rand -base64 32)' });
    else if (value.length < SECRET_MIN_LENGTH)
      problems.push({ name, reason: `is too short: ${value.length} characters, at least ${SECRET_MIN_LENGTH}` });
    else if (new Set(value).size < MIN_DISTINCT_CHARACTERS) problems.push({ name, reason: 'has too little variety to be random' });
    const first = seen.get(value);
    if (first) problems.push({ name, reason: `is the same value as ${first}: every secret must be its own` });
    else seen.set(value, name);
  }
  return problems;
}

/** True when ESTAFETTE_ENV is `development` (npm start, docker compose by default): the only switch that relaxes the check. */
export function isDevelopment(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.ESTAFETTE_ENV === 'development';
}

/**
 * Refuses to start (throws, naming each variable and why) when, outside development, a secret this service reads
 * (SECRETS_OF_SERVICE) is a placeholder, too short, or reused. Called by serviceConfig() and the identity provider.
 */
export function assertSoundSecrets(service: string, env: NodeJS.ProcessEnv = process.env): void {
  if (isDevelopment(env)) return;
  const names = Object.keys(SECRETS_OF_SERVICE[service] ?? {});
  const problems = secretProblems(Object.fromEntries(names.map((name) => [name, env[name]])));
  if (problems.length) {
    throw new Error(
      `${service} refuses to start outside development (ESTAFETTE_ENV=${env.ESTAFETTE_ENV ?? '<unset>'}): ${problems.map((p) => `${p.name} ${p.reason}`).join('; ')}`,
    );
  }
}
