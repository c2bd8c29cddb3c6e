import { parseLiberationDayRules, type HolidayRulesByKind } from '@estafette/calendar';
import { assertSoundSecrets, isDevelopment, KAFKA_OPS_PRINCIPAL, secretProblems } from '@estafette/contracts';
import { organisationDirectoryFromEnv, type DirectoryEntries } from '@estafette/auth';
import { organisationsAccessFromEnv, type OrganisationsAccess } from '@estafette/organisations-client';
import type { BusyFetchPacing, KafkaCredentials } from '@estafette/messaging';
import { writeRateLimitsFromEnv, type WriteRateLimits } from './write-rate-limit.js';

/** What every service reads from its environment; names in README's configuration table. */
export interface ServiceConfig {
  name: string;
  port: number;
  /** 127.0.0.1 by default; 0.0.0.0 inside a container. */
  host: string;
  /** The service's runtime role on its own database (`<SERVICE>_DATABASE_URL`): reads and writes rows, cannot alter tables. */
  databaseUrl: string;
  /**
   * The owner role's URL, to apply the migrations in this process before connecting as the runtime role. Only
   * in-process tests set it; a deployed service is migrated by `node dist/main.js migrate` first and never holds it.
   */
  migrationUrl?: string;
  kafkaBrokers: string[];
  /** This service's own Kafka principal (KAFKA_USERNAME, KAFKA_PASSWORD); null: no SASL, only for a broker without it. */
  kafkaSasl: KafkaCredentials | null;
  topicPrefix: string;
  /** The monitor only: the ops principal (KAFKA_OPS_PASSWORD) its dead-letter replay sends with; its own principal writes nothing. */
  kafkaOpsSasl?: KafkaCredentials;
  /** Access tokens: who issues them, for which audience, and (optionally) where its keys are; docs/auth.md. */
  oidcIssuer?: string;
  oidcAudience?: string;
  oidcJwksUrl?: string;
  /** The portal's origin, the only one CORS admits. */
  portalOrigin?: string;
  /** Which origin serves which organisation's content (ORGANISATION_DIRECTORY); from the environment when absent. */
  organisationDirectory?: DirectoryEntries;
  /** Where the organisation directory (names and kinds of organisation ids) is, with this service's token; absent: no lookups. */
  organisations?: OrganisationsAccess;
  /** Write requests per client identity; defaults in write-rate-limit.ts. */
  writeRateLimits?: Partial<WriteRateLimits>;
  /** Liberation Day per organisation kind over the defaults (LIBERATION_DAY_RULES, e.g. `zorg=every-year`). */
  holidayRules?: HolidayRulesByKind;
  /** The service's clock; the real one when absent. Tests inject one (ServiceCalendar). */
  clock?: () => Date;
  /**
   * For a service whose consumed events nobody waits on within a fraction of a second: while events flow, its consumer
   * waits up to waitMs for minBytes per fetch (fewer fetches, larger batches); absent, the messaging library's default.
   */
  consumerFetchPacing?: BusyFetchPacing;
}

/**
 * <SERVICE>_DATABASE_URL is the service's runtime role on its own database (docs/security.md#database-roles); without
 * it DATABASE_URL names the server and the service takes its own database on it (one store per organisation kind),
 * with the role in that URL (which must then be no superuser: the service refuses one at start).
 */
export function serviceConfig(name: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  // Outside development a placeholder, short or reused secret stops the service here, before it connects to anything.
  assertSoundSecrets(name, env);
  const key = name.toUpperCase().replace(/-/g, '_');
  const database = name.replace(/-/g, '_');
  const explicit = env[`${key}_DATABASE_URL`];
  const server = env.DATABASE_URL;
  if (!explicit && !server) throw new Error(`set DATABASE_URL (the PostgreSQL server) or ${key}_DATABASE_URL`);
  let databaseUrl = explicit;
  if (!databaseUrl) {
    const url = new URL(server!);
    url.pathname = `/${database}`;
    databaseUrl = url.href;
  }
  assertNoPlaceholderPassword(`${explicit ? `${key}_` : ''}DATABASE_URL`, databaseUrl, env);
  return {
    name,
    port: Number(env[`${key}_PORT`] ?? defaultPort),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    kafkaSasl: kafkaCredentialsFromEnv(env),
    ...(env.KAFKA_OPS_PASSWORD ? { kafkaOpsSasl: { username: KAFKA_OPS_PRINCIPAL, password: env.KAFKA_OPS_PASSWORD } } : {}),
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    oidcIssuer: env.OIDC_ISSUER,
    oidcAudience: env.OIDC_AUDIENCE ?? 'estafette-api',
    oidcJwksUrl: env.OIDC_JWKS_URL,
    portalOrigin: env.PORTAL_ORIGIN,
    organisationDirectory: organisationDirectoryFromEnv(env),
    organisations: organisationsAccessFromEnv(`estafette-${name}-service`, env),
    writeRateLimits: writeRateLimitsFromEnv(env),
    holidayRules: holidayRulesFromEnv(env),
  };
}

/** Outside development a placeholder database password (docker-compose.yml's defaults) stops the service, naming the variable. */
function assertNoPlaceholderPassword(variable: string, url: string, env: NodeJS.ProcessEnv): void {
  if (isDevelopment(env)) return;
  const password = decodeURIComponent(new URL(url).password);
  const placeholder = secretProblems({ [variable]: password }).find((p) => p.reason.startsWith('is a placeholder'));
  if (placeholder)
    throw new Error(
      `refusing to start outside development: the password in ${variable} is a placeholder (docs/security.md#database-roles)`,
    );
}

/** KAFKA_USERNAME and KAFKA_PASSWORD, both or neither (then null: the platform's brokers refuse such a client). */
function kafkaCredentialsFromEnv(env: NodeJS.ProcessEnv): KafkaCredentials | null {
  const { KAFKA_USERNAME: username, KAFKA_PASSWORD: password } = env;
  if (!username && !password) return null;
  if (!username || !password)
    throw new Error(`set both KAFKA_USERNAME and KAFKA_PASSWORD (only ${username ? 'KAFKA_USERNAME' : 'KAFKA_PASSWORD'} is set)`);
  return { username, password };
}

/** LIBERATION_DAY_RULES; a value that is not `kind=rule,...` stops the service at start, naming the pair. */
function holidayRulesFromEnv(env: NodeJS.ProcessEnv): HolidayRulesByKind {
  try {
    return parseLiberationDayRules(env.LIBERATION_DAY_RULES);
  } catch (error) {
    throw new Error(`LIBERATION_DAY_RULES: ${(error as Error).message}`, { cause: error });
  }
}
