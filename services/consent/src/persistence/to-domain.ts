import type { Party } from '../domain/party.js';
import type { Toestemming } from '../domain/toestemming.js';
import type { ConsentPurpose, DataCategory, OrganisationType } from '../domain/vocabulary.js';
import type { ToestemmingRecord } from './toestemming.entity.js';

const party = (type: string, id: string | null): Party => ({ organisationType: type as OrganisationType, ...(id ? { id } : {}) });

export function toToestemming(r: ToestemmingRecord): Toestemming {
  return {
    id: r.id,
    subject: r.subject,
    birthDate: r.birthDate,
    dataCategories: r.dataCategories as DataCategory[],
    from: party(r.fromType, r.fromId),
    to: party(r.toType, r.toId),
    purpose: r.purpose as ConsentPurpose,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    wordingVersion: r.wordingVersion,
    wordingText: r.wordingText,
    howGiven: r.howGiven,
    grantedBy: r.grantedBy,
    withdrawnAt: r.withdrawnAt,
    withdrawnBy: r.withdrawnBy,
  };
}
