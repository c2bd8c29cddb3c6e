import type { Organisation } from '@estafette/organisations-client';
import type { BuiltInOrganisation } from '../domain/built-in-organisations.js';
import type { OrganisationRecord } from '../persistence/organisation.entity.js';

/** A registered organisation as every answer shows it, with when it was registered and last changed. */
export const registeredView = (r: OrganisationRecord): Organisation & { registeredAt: Date; updatedAt: Date } => ({
  id: r.id,
  kind: r.kind,
  code: r.code,
  name: r.name,
  active: r.active,
  source: 'registered',
  registeredAt: r.registeredAt,
  updatedAt: r.updatedAt,
});

/** A municipality or region from the built-in source: always active, never changed here. */
export const builtInView = (b: BuiltInOrganisation): Organisation => ({ ...b, active: true, source: 'built-in' });
