// The real organisation directory for another service's tests (tests may start another service): its own
// database, the same token issuer as the service under test, the demo organisations seeded.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { OrganisationsAccess } from '@estafette/organisations-client';
import { startServiceUnderTest, type ServiceUnderTest, type TestIssuer } from '@estafette/testing';
import { createOrganisationsApp } from '../../src/create-organisations-app.js';
import { FALLBACK_BUILT_IN } from '../../src/domain/built-in-organisations.js';
import type { SeedOrganisation } from '../../src/organisations-settings.js';

/** The demo organisations, as npm start seeds them (seed/demo-organisations.json). */
export const DEMO_SEED: SeedOrganisation[] = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../../seed/demo-organisations.json'), 'utf8'),
) as SeedOrganisation[];

export interface OrganisationsUnderTest {
  service: ServiceUnderTest<INestApplication>;
  url: string;
  /** How a service of this kind reaches the directory: its URL and a service token from the shared issuer. */
  access(kind: string): OrganisationsAccess;
  close(): Promise<void>;
}

/** Starts the directory with the demo organisations plus `extra` (the organisations a suite hands over to). */
export async function startOrganisations(issuer: TestIssuer, extra: SeedOrganisation[] = []): Promise<OrganisationsUnderTest> {
  const service = await startServiceUnderTest(
    'organisations',
    (config) =>
      createOrganisationsApp(
        config,
        { builtIn: FALLBACK_BUILT_IN, seed: { label: 'test', organisations: [...DEMO_SEED, ...extra] } },
        false,
      ),
    { issuer },
  );
  let closed: Promise<void> | undefined;
  return {
    service,
    url: service.url,
    access: (kind) => ({ baseUrl: service.url, accessToken: () => issuer.issueToken({ role: 'service', organisationType: kind }) }),
    // Idempotent: a test that stops the directory on purpose leaves afterAll nothing to do.
    close: () => (closed ??= service.close()),
  };
}
