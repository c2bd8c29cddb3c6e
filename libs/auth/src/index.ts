export {
  accessLogEntities,
  accessLogMigrations,
  AccessLogEntry,
  recordAccess,
  recordAccesses,
  type AccessBasis,
  type AccessRecord,
} from './access-log.js';
export { AuthGuard, TOKEN_VERIFIER } from './auth.guard.js';
export { authProviders } from './auth.module-providers.js';
export { clientCredentialsToken, serviceTokenFromEnv, type ClientCredentialsSettings } from './client-credentials.js';
export { CurrentUser, Public, PUBLIC_KEY, Roles, ROLES_KEY } from './decorators.js';
export {
  CLAIMS,
  ORGANISATION_ID_PATTERN,
  ORGANISATION_TYPES,
  ROLE_ORGANISATION_TYPES,
  ROLES,
  ROLES_WITHOUT_ORGANISATION,
  type OrganisationType,
  type Principal,
  type Role,
} from './principal.js';
export { matrixViolations, roleMatrix, SAMPLE_ORGANISATIONS, type MatrixOutcome, type TokenSource } from './role-matrix.js';
export { routeRules, unguardedRoutes, type RouteRule } from './route-rules.js';
export { scopeFor } from './scope.js';
export { InvalidTokenError, principalFrom, TokenVerifier, type OidcSettings } from './token-verifier.js';
export { dropAppendOnly, makeAppendOnly, setAppendOnlyDeleteAfter, type DeleteAfter } from './append-only.js';
export { ActingUser, ACTING_USER_HEADER, actingUserHeader, actingUserOf } from './acting-user.js';
export { ContentClient, ContentUnavailableError, type ContentClientOptions } from './content-client.js';
export {
  OrganisationDirectory,
  organisationDirectoryFromEnv,
  type ContentOwner,
  type DatarefCheck,
  type DirectoryEntries,
} from './organisation-directory.js';
