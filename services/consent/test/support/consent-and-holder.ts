import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConsentClient } from '@estafette/consent-client';
import { createKafka, EventPublisher } from '@estafette/messaging';
import {
  createTestDatabase,
  kafkaAccess,
  serviceKafka,
  provisionTestTopics,
  startTestIssuer,
  uniqueTopicPrefix,
  type TestDatabase,
  type TestIssuer,
} from '@estafette/testing';
import { loadConvenanten } from '../../src/application/load-convenanten.js';
import { createConsentApp } from '../../src/create-consent-app.js';

/** The RMC of region MC21, the holder of the content in these tests. */
export const RMC = { organisationType: 'rmc', id: 'rmc:MC21' } as const;

/** The real consent service, and a holder (the RMC) with only the access log in its own database, asking it. */
export interface ConsentAndHolder {
  app: INestApplication;
  issuer: TestIssuer;
  consentDb: TestDatabase;
  /** The holder's store, migrated by its owner as the service kit does in every service. */
  holder: DataSource;
  /** The holder's consent client, with an RMC consulent's token. */
  client: ConsentClient;
  /** Publishes on the consent service's bus as a school would (its age signals). */
  publisher: EventPublisher;
  close(): Promise<void>;
}

/** Starts both on a fresh topic prefix and fresh databases; `close()` lets go of everything. */
export async function startConsentAndHolder(label: string): Promise<ConsentAndHolder> {
  const prefix = uniqueTopicPrefix();
  const publisher = new EventPublisher(createKafka({ ...kafkaAccess(), clientId: `${label}-school` }), prefix);
  await provisionTestTopics(prefix);
  const [consentDb, holderDb] = await Promise.all([createTestDatabase('consent'), createTestDatabase('holder')]);
  const issuer = await startTestIssuer();
  const app = await createConsentApp(
    {
      name: 'consent',
      port: 0,
      databaseUrl: consentDb.url,
      migrationUrl: consentDb.ownerUrl,
      ...serviceKafka('consent'),
      topicPrefix: prefix,
      oidcIssuer: issuer.issuer,
      oidcAudience: issuer.audience,
      oidcJwksUrl: issuer.jwksUrl,
    } as never,
    { minorAgeThreshold: 18, organisationId: 'oin:00000001234567890000', convenanten: loadConvenanten() },
    false,
  );
  await app.listen(0, '127.0.0.1');
  const { accessLogEntities, accessLogMigrations } = await import('@estafette/auth');
  const holder = await new DataSource({
    type: 'postgres',
    url: holderDb.ownerUrl,
    entities: accessLogEntities,
    migrations: accessLogMigrations,
    migrationsRun: true,
  }).initialize();
  const rmcToken = await issuer.issueToken({ role: 'rmc-consulent', organisationType: 'rmc', organisationId: RMC.id });
  const client = new ConsentClient({ baseUrl: await app.getUrl(), accessToken: () => rmcToken, timeoutMs: 5_000 });
  return {
    app,
    issuer,
    consentDb,
    holder,
    client,
    publisher,
    async close() {
      await publisher.disconnect();
      await holder.destroy();
      await app.close();
      await issuer.close();
      await Promise.all([consentDb.drop(), holderDb.drop()]);
    },
  };
}
