import { CreateOrganisation1768200000000 } from './1768200000000-create-organisation.js';

export const organisationsMigrations = [CreateOrganisation1768200000000];
