import type { ToestemmingRecord } from '../persistence/toestemming.entity.js';
import { awaitsGuardian, statusAt } from '../domain/toestemming.js';
import { toToestemming } from '../persistence/to-domain.js';

/**
 * A consent as its young person and their guardian see it, at `now` (the service's clock); `awaitingGuardian`:
 * given, but counts only once a parent or guardian co-signs.
 */
export function toestemmingView(r: ToestemmingRecord, minorAgeThreshold: number, now: Date) {
  const t = toToestemming(r);
  return {
    id: t.id,
    status: statusAt(t, now),
    awaitingGuardian: awaitsGuardian(t, now, minorAgeThreshold),
    dataCategories: t.dataCategories,
    from: t.from,
    to: t.to,
    purpose: t.purpose,
    validFrom: t.validFrom,
    validUntil: t.validUntil,
    wordingVersion: t.wordingVersion,
    wordingText: t.wordingText,
    howGiven: t.howGiven,
    grantedBy: t.grantedBy,
    givenAt: r.givenAt.toISOString(),
    withdrawnAt: t.withdrawnAt?.toISOString() ?? null,
    withdrawnBy: t.withdrawnBy,
    coSignedAt: r.coSignedAt?.toISOString() ?? null,
  };
}
