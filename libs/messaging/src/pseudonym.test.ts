import { describe, expect, it } from '@jest/globals';
import { isPseudonymousReference } from '@estafette/contracts';
import { derivePseudonymousReference } from './pseudonym.js';

const secret = 'k'.repeat(32);
const student = { organisationId: 'brin:12AB', personId: '123456' };

describe('derivePseudonymousReference', () => {
  it('gives the contract format and is stable for the same input and key', () => {
    const reference = derivePseudonymousReference(secret, student);
    expect(reference).toMatch(/^pr_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(isPseudonymousReference(reference)).toBe(true); // the contracts' own check
    expect(derivePseudonymousReference(secret, { ...student })).toBe(reference);
  });

  it('differs per key, per organisation and per person', () => {
    const reference = derivePseudonymousReference(secret, student);
    expect(derivePseudonymousReference('x'.repeat(32), student)).not.toBe(reference);
    expect(derivePseudonymousReference(secret, { ...student, organisationId: 'brin:34CD' })).not.toBe(reference);
    expect(derivePseudonymousReference(secret, { ...student, personId: '123457' })).not.toBe(reference);
  });

  it('frames the parts so shifting characters between them does not collide', () => {
    const c = derivePseudonymousReference(secret, { organisationId: 'ab', personId: 'c' });
    const d = derivePseudonymousReference(secret, { organisationId: 'a', personId: 'bc' });
    expect(c).not.toBe(d);
  });

  // Computed independently (Python hmac + hand-rolled Crockford base32). A changed derivation would
  // silently re-key every young person, so this value must never change without a migration plan.
  it('matches an independently computed value', () => {
    expect(derivePseudonymousReference(secret, student)).toBe('pr_PRFN6PJMXMPM5PNC83TDVZ9FSB');
    expect(derivePseudonymousReference(Buffer.from(secret), student)).toBe('pr_PRFN6PJMXMPM5PNC83TDVZ9FSB');
  });

  it('refuses short secrets and empty parts', () => {
    expect(() => derivePseudonymousReference('short', student)).toThrow(/32 bytes/);
    expect(() => derivePseudonymousReference(secret, { organisationId: 'brin:12AB', personId: ' ' })).toThrow();
  });
});
