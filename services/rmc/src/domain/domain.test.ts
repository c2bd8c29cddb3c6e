import { describe, expect, test } from '@jest/globals';
import { buildRouter, type RegionMap } from './region-routing.js';
import { isBuitenBeeld, transition } from './taak-lifecycle.js';
import { decideVsv, prepareWiHandoverOn } from './vsv-decision.js';
import { addWorkingDays, dutchHolidays, easterSunday, isWorkingDay } from './working-days.js';

describe('vsv decision', () => {
  test('under 23 without startkwalificatie is vsv, routed to the team by age', () => {
    expect(decideVsv({ ageAtDeregistration: 15, hasStartkwalificatie: false })).toEqual({ vsv: true, team: 'leerplicht' });
    expect(decideVsv({ ageAtDeregistration: 16, hasStartkwalificatie: false })).toEqual({ vsv: true, team: 'kwalificatieplicht' });
    expect(decideVsv({ ageAtDeregistration: 17, hasStartkwalificatie: false })).toEqual({ vsv: true, team: 'kwalificatieplicht' });
    expect(decideVsv({ ageAtDeregistration: 18, hasStartkwalificatie: false })).toEqual({ vsv: true, team: 'rmc' });
    expect(decideVsv({ ageAtDeregistration: 22, hasStartkwalificatie: false })).toEqual({ vsv: true, team: 'rmc' });
  });

  test('a startkwalificatie or age 23 means no melding', () => {
    expect(decideVsv({ ageAtDeregistration: 17, hasStartkwalificatie: true })).toEqual({ vsv: false, why: 'startkwalificatie' });
    expect(decideVsv({ ageAtDeregistration: 23, hasStartkwalificatie: false })).toEqual({ vsv: false, why: 'age-23-or-older' });
  });

  test("pro and vso leavers stay in the school's nazorg (it hands over to the municipality), vo and mbo leavers are vsv", () => {
    expect(decideVsv({ ageAtDeregistration: 18, hasStartkwalificatie: false, schoolType: 'pro' })).toEqual({
      vsv: false,
      why: 'nazorg-pro-vso',
    });
    expect(decideVsv({ ageAtDeregistration: 19, hasStartkwalificatie: false, schoolType: 'vso' })).toEqual({
      vsv: false,
      why: 'nazorg-pro-vso',
    });
    expect(decideVsv({ ageAtDeregistration: 18, hasStartkwalificatie: false, schoolType: 'mbo' })).toEqual({ vsv: true, team: 'rmc' });
  });
});

describe('working days', () => {
  test('Easter dates are right', () => {
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2024)).toBe('2024-03-31');
  });

  test("Dutch holidays: King's Day moves to the 26th when the 27th is a Sunday; 5 May only in lustrum years", () => {
    expect(dutchHolidays(2025).has('2025-04-26')).toBe(true); // 27 April 2025 is a Sunday
    expect(dutchHolidays(2026).has('2026-04-27')).toBe(true);
    expect(dutchHolidays(2025).has('2025-05-05')).toBe(true);
    expect(dutchHolidays(2026).has('2026-05-05')).toBe(false);
    expect(dutchHolidays(2026).has('2026-05-14')).toBe(true); // Ascension
    expect(dutchHolidays(2026).has('2026-05-25')).toBe(true); // Whit Monday
  });

  test('weekends and holidays are skipped', () => {
    expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-25')).toBe(false);
    expect(addWorkingDays('2026-11-20', 10)).toBe('2026-12-04'); // Friday + 10 working days
    expect(addWorkingDays('2026-12-18', 10)).toBe('2027-01-05'); // skips Christmas, Boxing Day and New Year
    expect(addWorkingDays('2026-04-02', 3)).toBe('2026-04-08'); // Good Friday counts, Easter Monday 6 April does not
  });
});

describe('task life cycle', () => {
  test('allowed moves pass, others throw with the reason', () => {
    expect(transition('nieuw', 'toegewezen')).toBe('toegewezen');
    expect(transition('in-contact', 'overgedragen')).toBe('overgedragen');
    // A move to another region may happen before contact.
    expect(transition('nieuw', 'overgedragen')).toBe('overgedragen');
    expect(() => transition('overgedragen', 'in-contact')).toThrow('a task that is overgedragen cannot become in-contact');
    expect(() => transition('gesloten', 'in-contact')).toThrow('a task that is gesloten cannot become in-contact');
    expect(() => transition('nieuw', 'traject')).toThrow();
  });

  test('buiten beeld after the threshold of failed attempts', () => {
    expect(isBuitenBeeld(2, 3)).toBe(false);
    expect(isBuitenBeeld(3, 3)).toBe(true);
  });
});

describe('region routing', () => {
  const map: RegionMap = {
    version: 't',
    defaults: { gracePeriodDays: 30, firstContactWorkingDays: 10, failedAttemptsBeforeBuitenBeeld: 3, wiHandoverLeadMonths: 2 },
    regions: [
      { code: 'RMC23', name: 'A', contactgemeente: 'GM0363', municipalities: ['GM0363', 'GM0384'] },
      { code: 'RMC25', name: 'U', contactgemeente: 'GM0344', municipalities: ['GM0344'], settings: { firstContactWorkingDays: 5 } },
    ],
  };

  test('routes by municipality with region settings over the defaults', () => {
    const route = buildRouter(map);
    expect(route('GM0384')).toEqual({ code: 'RMC23', settings: map.defaults });
    expect(route('GM0344')?.settings.firstContactWorkingDays).toBe(5);
    expect(route('GM9999')).toBeUndefined();
  });

  test('a municipality in two regions is refused', () => {
    const bad = { ...map, regions: [...map.regions, { code: 'RMC99', name: 'X', contactgemeente: 'GM0363', municipalities: ['GM0363'] }] };
    expect(() => buildRouter(bad)).toThrow('municipality GM0363 is in two regions');
  });
});

describe('handover to Werk & Inkomen before 23', () => {
  test('prepared two months before the earliest possible 23rd birthday', () => {
    // 17 on 2026-07-01: born 2008-07-02 at the earliest, so 23 on 2031-07-02 at the earliest.
    expect(prepareWiHandoverOn(17, '2026-07-01', 2)).toBe('2031-05-02');
    expect(prepareWiHandoverOn(22, '2026-07-01', 2)).toBe('2026-05-02');
    expect(prepareWiHandoverOn(17, '2026-07-01', 0)).toBe('2031-07-02');
  });
});
