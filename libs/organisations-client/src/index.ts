export {
  BUILT_IN_KINDS,
  ORGANISATION_KINDS,
  REGISTERED_KINDS,
  type Organisation,
  type OrganisationKind,
  type RegisteredKind,
} from './organisation.js';
export { OrganisationsClient, OrganisationsUnavailableError, type OrganisationsAccess } from './organisations-client.js';
export { organisationsAccessFromEnv } from './organisations-access-from-env.js';
