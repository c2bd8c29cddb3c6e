import { describe, expect, test } from '@jest/globals';
import { turns23OnFor } from '@estafette/overdracht';
import { ageAt, ageFactsOf, rmcPartEnded } from './verwijzing-age.js';

describe('the age on a verwijzing', () => {
  test('with turns23On: exact on the day before the 23rd birthday and on the birthday itself', () => {
    const facts = { turns23On: '2027-05-10', knownAge: 19, knownOn: '2023-06-01' };
    expect(ageAt(facts, '2027-05-09')).toBe(22);
    expect(rmcPartEnded(facts, '2027-05-09')).toBe(false);
    expect(ageAt(facts, '2027-05-10')).toBe(23);
    expect(rmcPartEnded(facts, '2027-05-10')).toBe(true);
  });

  test('born 29 February 2004: 22 on 28 February 2027, 23 on 1 March 2027', () => {
    const facts = { turns23On: turns23OnFor('2004-02-29'), knownAge: 22, knownOn: '2026-06-01' };
    expect(facts.turns23On).toBe('2027-03-01');
    expect(ageAt(facts, '2027-02-28')).toBe(22);
    expect(rmcPartEnded(facts, '2027-02-28')).toBe(false);
    expect(ageAt(facts, '2027-03-01')).toBe(23);
    expect(rmcPartEnded(facts, '2027-03-01')).toBe(true);
  });

  test('without turns23On (older offers): the estimate counts whole 365.25-day years from the known age', () => {
    const facts = { turns23On: null, knownAge: 22, knownOn: '2026-07-01' };
    expect(ageAt(facts, '2026-06-01')).toBe(22); // never below the known age
    expect(ageAt(facts, '2027-06-30')).toBe(22);
    expect(rmcPartEnded(facts, '2027-06-30')).toBe(false);
    expect(ageAt(facts, '2027-07-02')).toBe(23);
    expect(rmcPartEnded(facts, '2027-07-02')).toBe(true);
  });

  test("a verwijzing's facts: the estimate counts from the Amsterdam day the offer came in", () => {
    const facts = ageFactsOf({ turns23On: null, ageAtOffer: 17, receivedAt: new Date('2026-12-04T23:30:00Z') });
    expect(facts).toEqual({ turns23On: null, knownAge: 17, knownOn: '2026-12-05' });
  });
});
