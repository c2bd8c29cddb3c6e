import { TEST_ORGANISATION_DIRECTORY } from './test-organisation-directory.js';
import { serviceKafka, serviceOfLabel } from './kafka-access.js';
import { createTestDatabase, provisionTestTopics, uniqueTopicPrefix, type TestDatabase } from './isolation.js';
import { startTestIssuer, type TestIssuer } from './test-issuer.js';

/** The configuration a service reads from its environment, pointed at this suite's own broker topics, database and issuer. */
export interface TestServiceConfig {
  name: string;
  port: number;
  host: string;
  /** The runtime role: the service under test never connects as a superuser or owner. */
  databaseUrl: string;
  /** The owner role: the service applies its migrations with it before it connects as the runtime role. */
  migrationUrl: string;
  kafkaBrokers: string[];
  /** The service's own principal (serviceKafka()). */
  kafkaSasl: { username: string; password: string } | null;
  topicPrefix: string;
  oidcIssuer: string;
  oidcAudience: string;
  oidcJwksUrl: string;
  /** Which origin serves which organisation's content: the test hosts below unless a suite names its own. */
  organisationDirectory: Record<string, string>;
  /** The organisation directory (services/organisations) and this service's token for it, when the suite started one. */
  organisations?: { baseUrl: string; accessToken?: () => string | Promise<string> };
}

interface ClosableApp {
  listen(port: number, host: string): Promise<unknown>;
  getUrl(): Promise<string>;
  close(): Promise<void>;
}

export interface ServiceUnderTest<A extends ClosableApp> {
  app: A;
  url: string;
  db: TestDatabase;
  issuer: TestIssuer;
  config: TestServiceConfig;
  close(): Promise<void>;
}

/**
 * One service as its integration tests need it: its own topics (prefixed), its own database (as its runtime role), a real
 * token issuer, listening on a free port. `create` is the service's own app factory.
 */
export async function startServiceUnderTest<A extends ClosableApp>(
  name: string,
  create: (config: TestServiceConfig) => Promise<A>,
  shared: { prefix?: string; issuer?: TestIssuer; organisations?: TestServiceConfig['organisations'] } = {},
): Promise<ServiceUnderTest<A>> {
  const prefix = shared.prefix ?? uniqueTopicPrefix();
  await provisionTestTopics(prefix);
  const [db, issuer] = await Promise.all([createTestDatabase(name), shared.issuer ?? startTestIssuer()]);
  // The label names the database; the service it starts with names the Kafka principal and the consumer groups.
  const service = serviceOfLabel(name);
  const config: TestServiceConfig = {
    name: service,
    port: 0,
    host: '127.0.0.1',
    databaseUrl: db.url,
    migrationUrl: db.ownerUrl,
    ...serviceKafka(service),
    topicPrefix: prefix,
    oidcIssuer: issuer.issuer,
    oidcAudience: issuer.audience,
    oidcJwksUrl: issuer.jwksUrl,
    organisationDirectory: TEST_ORGANISATION_DIRECTORY,
    ...(shared.organisations ? { organisations: shared.organisations } : {}),
  };
  const app = await create(config);
  await app.listen(0, '127.0.0.1');
  return {
    app,
    url: await app.getUrl(),
    db,
    issuer,
    config,
    async close() {
      await app.close();
      await db.drop();
      if (!shared.issuer) await issuer.close();
    },
  };
}
