import path from 'node:path';
import { assertSoundSecrets, serviceClientSecretName, SERVICE_CLIENT_KINDS } from '@estafette/contracts';
import { DEMO_CLIENTS, DEMO_JONGERE_BSN, demoUsers, SERVICE_CLIENTS } from './demo-directory.js';
import { loadOrCreateDevState } from './dev-state.js';
import { startIdentityServer } from './identity-server.js';

// Development provider only: production services point OIDC_ISSUER at Keycloak or Entra ID (docs/auth.md).
assertSoundSecrets('identity');
const serviceClientSecrets = Object.fromEntries(
  SERVICE_CLIENT_KINDS.flatMap((kind) => {
    const secret = process.env[serviceClientSecretName(kind)];
    return secret ? [[kind, secret]] : [];
  }),
);
const dataDir = process.env.ESTAFETTE_DATA_DIR ?? path.resolve('.estafette');
const state = await loadOrCreateDevState(process.env.IDENTITY_STATE_FILE ?? path.join(dataDir, 'identity', 'dev-state.json'));
const port = Number(process.env.IDENTITY_PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const server = await startIdentityServer(state, {
  port,
  host,
  issuer: process.env.IDENTITY_ISSUER,
  tokenRequestsPerMinute: process.env.IDENTITY_TOKEN_RATE_LIMIT ? Number(process.env.IDENTITY_TOKEN_RATE_LIMIT) : undefined,
  serviceClientSecrets,
  portalOrigin: process.env.PORTAL_ORIGIN,
  schoolPseudonymSecret: process.env.SCHOOL_PSEUDONYM_SECRET,
});

const lines = [
  `development OpenID provider at ${server.issuer} (discovery: ${server.issuer}/.well-known/openid-configuration)`,
  `demo logins (portal login page, or password grant with client_id estafette-dev-cli), password "${state.demoPassword}":`,
  ...demoUsers(process.env.SCHOOL_PSEUDONYM_SECRET).map(
    (u) =>
      `  ${u.username.padEnd(24)} ${u.role.padEnd(16)} ${u.organisationId ?? (u.guardianOf ? '(parent of jongere@demo)' : `(own record: BSN ${DEMO_JONGERE_BSN}, ${u.subject})`)}`,
  ),
  'school systems (client credentials, HTTP Basic):',
  ...DEMO_CLIENTS.map((c) => `  ${c.clientId.padEnd(24)} secret ${state.clientSecrets[c.clientId]}  ${c.organisationId}`),
  Object.keys(serviceClientSecrets).length
    ? `service clients (role service, each with its own secret <KIND>_SERVICE_CLIENT_SECRET): ${SERVICE_CLIENTS.filter(
        (c) => serviceClientSecrets[c.kind],
      )
        .map((c) => c.clientId)
        .join(', ')}`
    : 'no service clients: no <KIND>_SERVICE_CLIENT_SECRET is set, so services cannot ask the consent service',
  `example: curl -u school-25xy:<secret> -d grant_type=client_credentials ${server.issuer}/token`,
];
for (const line of lines) process.stdout.write(`${line}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void server.close().then(() => process.exit(0)));
