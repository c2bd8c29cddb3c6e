import { describe, expect, test } from '@jest/globals';
import { DEMO_CLIENTS, DEMO_USERS } from '../../identity/src/demo-directory.js';
import { FALLBACK_BUILT_IN } from '../src/domain/built-in-organisations.js';
import { organisationIdFor } from '../src/domain/organisation-codes.js';
import { DEMO_SEED } from './support/start-organisations.js';

// The development provider's people and clients act for organisations; the directory must know each of them by name.
describe('the demo seed covers the demo directory of the identity provider', () => {
  test('every organisation a demo user or client acts for is seeded with a valid code, or built in', () => {
    const seeded = new Map(
      DEMO_SEED.map((o) => {
        const check = organisationIdFor(o.kind, o.code);
        expect(check.ok).toBe(true);
        return [check.ok ? check.id : '', o];
      }),
    );
    const used = new Set([...DEMO_USERS, ...DEMO_CLIENTS].flatMap((who) => (who.organisationId ? [who.organisationId] : [])));
    for (const id of used) expect([id, seeded.has(id) || FALLBACK_BUILT_IN.find(id) !== undefined]).toEqual([id, true]);
    // A seeded organisation has the kind its users act as (a W&I consulent's gemeente:GM0363 is a werk-inkomen organisation).
    for (const who of DEMO_USERS) {
      const organisation = who.organisationId ? seeded.get(who.organisationId) : undefined;
      if (organisation) expect([who.username, organisation.kind]).toEqual([who.username, who.organisationType]);
    }
  });
});
