import { describe, expect, test } from '@jest/globals';
import { ageFromTurns23, earliestTurns23On, prepareWiHandoverBy, rmcPartEndedOn, turns23OnFor } from './age-boundary.js';

describe('age boundaries from turns23On', () => {
  test('turning 23 on the birthday; born 29 February: on 1 March in a year without one', () => {
    expect(turns23OnFor('2004-05-10')).toBe('2027-05-10');
    expect(turns23OnFor('2004-02-29')).toBe('2027-03-01');
    expect(turns23OnFor('2005-02-28')).toBe('2028-02-28');
  });

  test('the age is exact around the 18th and 23rd birthdays', () => {
    const turns23On = turns23OnFor('2004-05-10');
    expect(ageFromTurns23(turns23On, '2022-05-09')).toBe(17);
    expect(ageFromTurns23(turns23On, '2022-05-10')).toBe(18);
    expect(ageFromTurns23(turns23On, '2027-05-09')).toBe(22);
    expect(ageFromTurns23(turns23On, '2027-05-10')).toBe(23);
    // Born 29 February 2004: 23 on 1 March 2027, not on 28 February.
    expect(ageFromTurns23(turns23OnFor('2004-02-29'), '2027-02-28')).toBe(22);
    expect(ageFromTurns23(turns23OnFor('2004-02-29'), '2027-03-01')).toBe(23);
  });

  test("the RMC's part ends on the 23rd birthday itself, not the day before", () => {
    expect(rmcPartEndedOn('2027-05-10', '2027-05-09')).toBe(false);
    expect(rmcPartEndedOn('2027-05-10', '2027-05-10')).toBe(true);
  });

  test('the W&I handover is prepared months before, clamped to the month (30 April minus 2 months is 28 February)', () => {
    expect(prepareWiHandoverBy('2027-04-30', 2)).toBe('2027-02-28');
    expect(prepareWiHandoverBy('2028-04-30', 2)).toBe('2028-02-29');
    expect(prepareWiHandoverBy('2027-05-10', 0)).toBe('2027-05-10');
  });

  test('without turns23On: the earliest possible 23rd birthday for an age on a date', () => {
    // 22 on 2026-07-01: born at the earliest 2003-07-02, so 23 at the earliest on 2026-07-02.
    expect(earliestTurns23On(22, '2026-07-01')).toBe('2026-07-02');
    expect(earliestTurns23On(17, '2026-07-01')).toBe('2031-07-02');
  });
});
