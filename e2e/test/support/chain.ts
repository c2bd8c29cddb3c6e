import type { INestApplication } from '@nestjs/common';
import {
  TEST_ORGANISATION_DIRECTORY,
  createTestDatabase,
  provisionTestTopics,
  startTestIssuer,
  uniqueTopicPrefix,
  type TestDatabase,
  type TestIssuer,
  serviceKafka,
} from '@estafette/testing';
import { loadConvenanten } from '../../../services/consent/src/application/load-convenanten.js';
import { createConsentApp } from '../../../services/consent/src/create-consent-app.js';
import { createSchoolApp } from '../../../services/school/src/create-school-app.js';
import { createRmcApp } from '../../../services/rmc/src/create-rmc-app.js';
import { createWerkInkomenApp } from '../../../services/werk-inkomen/src/create-werk-inkomen-app.js';
import { createZorgApp } from '../../../services/zorg/src/create-zorg-app.js';
import { rmcSettings } from '../../../services/rmc/test/support.js';
import { startOrganisations, type OrganisationsUnderTest } from '../../../services/organisations/test/support/start-organisations.js';
import type { SeedOrganisation } from '../../../services/organisations/src/organisations-settings.js';
import { freePort } from '../free-port.js';

export type ChainService = 'consent' | 'school' | 'rmc' | 'wi' | 'zorg';
type Org = { organisationType: string; id: string };

export interface ChainOptions<K extends ChainService> {
  /** Names the databases (`t_<label><service>_...`), so a leftover database says which suite made it. */
  label: string;
  services: readonly K[];
  /** The school's pseudonym secret (32 bytes or more). */
  schoolSecret: string;
  /**
   * The organisation directory every offer is checked against: the demo organisations plus these. Leave out for a chain
   * that offers nothing (no directory runs then).
   */
  directory?: SeedOrganisation[];
  /** How often timers tick (ms); tests move a stored due time into the past instead of waiting days. Default 200. */
  timerIntervalMs?: number;
  /** The school serves dossiers on a known origin (its port in the content directory), decided by the consent service when it runs. */
  schoolServesDossiers?: boolean;
  /** The RMC reads content with a service token of its own. */
  rmcServiceToken?: boolean;
}

export interface Chain<K extends ChainService> {
  prefix: string;
  issuer: TestIssuer;
  apps: Record<K, INestApplication>;
  db: Record<K, TestDatabase>;
  organisations?: OrganisationsUnderTest;
  /** An access token for a person or system of `org` in `role`. */
  issue(role: string, org: Org, sub: string): Promise<string>;
  close(): Promise<void>;
}

/** Platform operations: ops of the platform organisation. */
export const PLATFORM: Org = { organisationType: 'platform', id: 'oin:00000001234567890000' };

const CREATE = {
  consent: 'consent',
  school: 'school',
  rmc: 'rmc',
  wi: 'werk-inkomen',
  zorg: 'zorg',
} as const satisfies Record<ChainService, string>;

/**
 * The chain as the e2e tests need it, in one process: topics under a fresh prefix, a token issuer, a database per
 * service, the organisation directory when asked, and the services listening on 127.0.0.1. One way to start the chain
 * for every e2e suite; each suite issues the tokens it needs with `issue`. Call `close()` in afterAll.
 */
export async function startChain<K extends ChainService>(options: ChainOptions<K>): Promise<Chain<K>> {
  const prefix = uniqueTopicPrefix();
  await provisionTestTopics(prefix);
  const issuer = await startTestIssuer();
  const organisations = options.directory ? await startOrganisations(issuer, options.directory) : undefined;
  const has = (service: ChainService) => (options.services as readonly ChainService[]).includes(service);
  const db = {} as Record<K, TestDatabase>;
  await Promise.all(
    options.services.map(async (service) => {
      db[service] = await createTestDatabase(`${options.label}${service}`);
    }),
  );
  const timerIntervalMs = options.timerIntervalMs ?? 200;
  const schoolPort = options.schoolServesDossiers ? await freePort() : 0;
  const common = {
    port: 0,
    host: '127.0.0.1',
    topicPrefix: prefix,
    oidcIssuer: issuer.issuer,
    oidcAudience: issuer.audience,
    oidcJwksUrl: issuer.jwksUrl,
    organisationDirectory: schoolPort
      ? { ...TEST_ORGANISATION_DIRECTORY, school: `http://127.0.0.1:${schoolPort}` }
      : TEST_ORGANISATION_DIRECTORY,
  };
  const config = (service: ChainService) => ({
    ...common,
    name: CREATE[service],
    ...serviceKafka(CREATE[service]),
    databaseUrl: (db as Record<ChainService, TestDatabase>)[service].url,
    migrationUrl: (db as Record<ChainService, TestDatabase>)[service].ownerUrl,
    ...(organisations && service !== 'consent' ? { organisations: organisations.access(CREATE[service]) } : {}),
  });
  const apps = {} as Record<ChainService, INestApplication>;
  // The consent service asks every service of the chain (inzage, werkrelatie) with its own platform token; filled once they listen.
  const holderSources: { service: string; baseUrl: string }[] = [];
  if (has('consent')) {
    const platformToken = await issuer.issueToken({ role: 'service', organisationType: 'platform', sub: 'estafette-consent-service' });
    apps.consent = await createConsentApp(
      config('consent') as never,
      {
        minorAgeThreshold: 18,
        organisationId: PLATFORM.id,
        convenanten: loadConvenanten(),
        holders: { sources: holderSources, serviceToken: async () => platformToken },
      },
      false,
    );
    await apps.consent.listen(0, '127.0.0.1');
  }
  if (has('school')) {
    // The school asks the consent service about every dossier read, with its own service token.
    const consentToken = apps.consent
      ? await issuer.issueToken({ role: 'service', organisationType: 'school', sub: 'estafette-school-service' })
      : undefined;
    apps.school = await createSchoolApp(
      config('school'),
      {
        pseudonymSecret: options.schoolSecret,
        publicUrl: schoolPort ? `http://127.0.0.1:${schoolPort}` : 'http://school.test',
        timerIntervalMs,
        ...(apps.consent ? { consent: { baseUrl: await apps.consent.getUrl(), accessToken: () => consentToken!, timeoutMs: 10_000 } } : {}),
      },
      false,
    );
  }
  if (has('rmc')) {
    const rmcToken = options.rmcServiceToken
      ? await issuer.issueToken({ role: 'service', organisationType: 'rmc', sub: 'estafette-rmc-service' })
      : undefined;
    const rmcConsentToken = apps.consent
      ? await issuer.issueToken({ role: 'service', organisationType: 'rmc', sub: 'estafette-rmc-service' })
      : undefined;
    apps.rmc = await createRmcApp(
      config('rmc'),
      {
        ...rmcSettings(timerIntervalMs),
        ...(rmcToken ? { serviceToken: async () => rmcToken } : {}),
        // The RMC asks the consent service for THAT (GET /betrokkenheid), with its own service token.
        ...(apps.consent
          ? { consent: { baseUrl: await apps.consent.getUrl(), accessToken: () => rmcConsentToken!, timeoutMs: 10_000 } }
          : {}),
      },
      false,
    );
  }
  if (has('wi')) apps.wi = await createWerkInkomenApp(config('wi'), { timerIntervalMs, publicUrl: 'http://wi.test' }, false);
  if (has('zorg')) apps.zorg = await createZorgApp(config('zorg'), { timerIntervalMs, publicUrl: 'http://zorg.test' }, false);
  await Promise.all(
    (Object.entries(apps) as [ChainService, INestApplication][])
      .filter(([service]) => service !== 'consent')
      .map(([service, app]) => app.listen(service === 'school' ? schoolPort : 0, '127.0.0.1')),
  );
  for (const [service, app] of Object.entries(apps) as [ChainService, INestApplication][])
    if (service !== 'consent') holderSources.push({ service: CREATE[service], baseUrl: await app.getUrl() });
  return {
    prefix,
    issuer,
    apps: apps as Record<K, INestApplication>,
    db,
    organisations,
    issue: (role, org, sub) => issuer.issueToken({ role, organisationType: org.organisationType, organisationId: org.id, sub }),
    close: async () => {
      await Promise.all(Object.values(apps).map((app) => app?.close()));
      await Promise.all(Object.values<TestDatabase>(db).map((d) => d?.drop()));
      await organisations?.close();
      await issuer.close();
    },
  };
}
