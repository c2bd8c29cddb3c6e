import { ForbiddenException } from '@nestjs/common';
import type { OrganisationType, Principal } from './principal.js';

/**
 * The organisation whose records this caller may load: put it in the WHERE clause of every query, so
 * another organisation's record is never read (the answer is then simply "not found").
 * With `type`, the caller must also act for that kind of organisation.
 */
export function scopeFor(principal: Principal, type?: OrganisationType): string {
  if (!principal.organisationId) throw new ForbiddenException();
  if (type && principal.organisationType !== type) throw new ForbiddenException();
  return principal.organisationId;
}
