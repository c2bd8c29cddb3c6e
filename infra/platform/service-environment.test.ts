import { describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { PLATFORM_SECRETS } from '@estafette/contracts';
import { discoverServices } from './services.js';
import { serviceEnvironment } from './service-environment.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const secrets = Object.fromEntries(PLATFORM_SECRETS.map((name) => [name, `value-of-${name}`]));
// A secret left in the shell (also the old shared client secret) must not reach every service through the shared environment.
const shared = { PATH: '/usr/bin', OIDC_ISSUER: 'http://idp', ...secrets, ESTAFETTE_SERVICE_CLIENT_SECRET: 'from-the-shell' };
const secretsIn = (env: NodeJS.ProcessEnv) => Object.fromEntries(Object.entries(env).filter(([name]) => /SECRET|_KEY$/.test(name)));
const { CONSENT_AUDIT_KEY, ...notAuditKey } = secrets;
// The identity provider registers the service clients; it has no Kafka principal, so no Kafka password reaches it.
const identitySecrets = Object.fromEntries(Object.entries(notAuditKey).filter(([name]) => !name.startsWith('KAFKA_PASSWORD_')));

describe('each service gets only the secrets it uses; the portal gets none', () => {
  test('every discovered service is covered, with exactly these secrets', () => {
    const given = Object.fromEntries(
      discoverServices(repoRoot).map((s) => [s.name, secretsIn(serviceEnvironment(s.name, shared, secrets))]),
    );
    expect(given).toEqual({
      identity: identitySecrets,
      school: {
        SCHOOL_PSEUDONYM_SECRET: secrets.SCHOOL_PSEUDONYM_SECRET,
        ESTAFETTE_SERVICE_CLIENT_SECRET: secrets.SCHOOL_SERVICE_CLIENT_SECRET,
      },
      rmc: { ESTAFETTE_SERVICE_CLIENT_SECRET: secrets.RMC_SERVICE_CLIENT_SECRET },
      'werk-inkomen': { ESTAFETTE_SERVICE_CLIENT_SECRET: secrets.WERK_INKOMEN_SERVICE_CLIENT_SECRET },
      zorg: { ESTAFETTE_SERVICE_CLIENT_SECRET: secrets.ZORG_SERVICE_CLIENT_SECRET },
      consent: { CONSENT_AUDIT_KEY, ESTAFETTE_SERVICE_CLIENT_SECRET: secrets.CONSENT_SERVICE_CLIENT_SECRET },
      monitor: {},
      organisations: {},
      portal: {},
    });
  });

  test('the rest of the shared environment reaches every service unchanged, after the process defaults', () => {
    expect(serviceEnvironment('portal', shared, secrets)).toEqual({ MALLOC_ARENA_MAX: '2', PATH: '/usr/bin', OIDC_ISSUER: 'http://idp' });
    expect(serviceEnvironment('portal', { ...shared, MALLOC_ARENA_MAX: '4' }, secrets)).toMatchObject({ MALLOC_ARENA_MAX: '4' });
  });
});
