import type { ToestemmingRecord } from '../persistence/toestemming.entity.js';
import { statusAt } from '../domain/toestemming.js';
import { toToestemming } from '../persistence/to-domain.js';

export function toestemmingView(r: ToestemmingRecord, now = new Date()) {
  const t = toToestemming(r);
  return {
    id: t.id,
    status: statusAt(t, now),
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
  };
}
