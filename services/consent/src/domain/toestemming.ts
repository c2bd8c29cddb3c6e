import { today } from '@estafette/calendar';
import { ageOn } from './age.js';
import type { Party } from './party.js';
import type { ConsentPurpose, DataCategory, Grantor, HowGiven } from './vocabulary.js';

/** An explicit, specific consent: which data, from whom, to whom, for what, for how long, with which words. */
export interface Toestemming {
  id: string;
  /** The young person's pseudonymous reference: the consent store never needs a name or BSN. */
  subject: string;
  /**
   * The latest birth date the school's records allow (latestBirthDate of an uitschrijving or inschrijving), never
   * one the young person typed; null while no school has reported them: then a parent or guardian must co-sign.
   * Decides, on the day of each decision, whether a parent or guardian must consent too.
   */
  birthDate: string | null;
  dataCategories: DataCategory[];
  from: Party;
  to: Party;
  purpose: ConsentPurpose;
  validFrom: string;
  validUntil: string | null;
  wordingVersion: string;
  wordingText: string;
  howGiven: HowGiven;
  grantedBy: Grantor[];
  withdrawnAt: Date | null;
  withdrawnBy: Grantor | null;
}

export type ToestemmingStatus = 'active' | 'withdrawn' | 'expired' | 'not-yet-valid';

/** The status at instant `now`; validFrom/validUntil are Amsterdam dates, compared with the Amsterdam date of `now`. */
export function statusAt(t: Pick<Toestemming, 'validFrom' | 'validUntil' | 'withdrawnAt'>, now: Date): ToestemmingStatus {
  if (t.withdrawnAt && t.withdrawnAt.getTime() <= now.getTime()) return 'withdrawn';
  const day = today(now);
  if (t.validUntil !== null && t.validUntil < day) return 'expired';
  if (t.validFrom > day) return 'not-yet-valid';
  return 'active';
}

/**
 * Under the threshold a parent or guardian consents too (DOMAIN.md, Privacy rules). Judged on the day of
 * the decision, so a consent given at 17 without a guardian starts to count on the 18th birthday. An
 * unknown age (no school record yet) counts as a minor: fail closed (design, docs/security.md, Guardians).
 */
export function missingGrantors(t: Pick<Toestemming, 'birthDate' | 'grantedBy'>, now: Date, minorAgeThreshold: number): Grantor[] {
  const missing: Grantor[] = [];
  if (!t.grantedBy.includes('jongere')) missing.push('jongere');
  const minor = t.birthDate === null || ageOn(t.birthDate, today(now)) < minorAgeThreshold;
  if (minor && !t.grantedBy.includes('ouder-of-voogd')) missing.push('ouder-of-voogd');
  return missing;
}

/** Given by the young person and waiting for a parent's or guardian's co-signature before it counts (today). */
export function awaitsGuardian(
  t: Pick<Toestemming, 'birthDate' | 'grantedBy' | 'withdrawnAt'>,
  now: Date,
  minorAgeThreshold: number,
): boolean {
  if (t.withdrawnAt) return false;
  const missing = missingGrantors(t, now, minorAgeThreshold);
  return missing.length === 1 && missing[0] === 'ouder-of-voogd';
}

export interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * "A generic consent to exchange information (which?) (with whom?) is not enough": a consent must name
 * the recipient, the data and the purpose. Kept here as the rule; the HTTP layer reports it as a 400.
 */
export function genericConsentProblems(input: {
  to?: Party | null;
  from?: Party | null;
  dataCategories?: readonly string[] | null;
  purpose?: string | null;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!input.to?.organisationType)
    problems.push({
      field: 'to',
      reason: 'to is required: consent must name the recipient organisation or organisation type (with whom?)',
    });
  if (!input.from?.organisationType)
    problems.push({
      field: 'from',
      reason: 'from is required: consent must name the organisation or organisation type that shares (by whom?)',
    });
  if (!input.dataCategories?.length)
    problems.push({ field: 'dataCategories', reason: 'dataCategories must name at least one data category (which data?)' });
  if (!input.purpose) problems.push({ field: 'purpose', reason: 'purpose is required: consent is given for one purpose (what for?)' });
  return problems;
}
