import { describe, expect, test } from '@jest/globals';
import { buildRouter, type RegionMap } from './region-routing.js';
import { isBuitenBeeld, transition } from './taak-lifecycle.js';
import { earliestTurns23On, prepareWiHandoverBy } from '@estafette/overdracht';
import { decideVsv } from './vsv-decision.js';
import { holidayRulesFor } from '@estafette/calendar';
import { firstContactDue } from './first-contact.js';

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

describe('first contact deadline (holidays themselves: @estafette/calendar)', () => {
  const rmc = holidayRulesFor('rmc');

  test('10 working days of the RMC, late from Amsterdam midnight ending the due date', () => {
    expect(firstContactDue('2026-11-20', 10, rmc)).toEqual({ dueDate: '2026-12-04', timerDueAt: new Date('2026-12-04T23:00:00Z') });
    expect(firstContactDue('2026-12-18', 10, rmc).dueDate).toBe('2027-01-05'); // skips Christmas, Boxing Day and New Year
    expect(firstContactDue('2026-03-30', 10, rmc)).toEqual({ dueDate: '2026-04-14', timerDueAt: new Date('2026-04-14T22:00:00Z') });
  });

  test("5 May 2026 is a working day for the RMC (not a lustrum year), unlike a municipality's", () => {
    expect(firstContactDue('2026-04-28', 10, rmc).dueDate).toBe('2026-05-12');
    expect(firstContactDue('2026-04-28', 10, holidayRulesFor('werk-inkomen')).dueDate).toBe('2026-05-13');
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

describe('region routing on the CBS indeling', () => {
  const map: RegionMap = {
    version: 't',
    defaults: { gracePeriodDays: 30, firstContactWorkingDays: 10, failedAttemptsBeforeBuitenBeeld: 3, wiHandoverLeadMonths: 2 },
    regions: { MC21: { contactgemeente: 'GM0363' }, MC19: { firstContactWorkingDays: 5 } },
  };

  test('routes by municipality to the CBS region with its name and settings over the defaults', () => {
    const router = buildRouter(map);
    expect(router.route('GM0384', '2026-03-01')).toEqual({ code: 'MC21', name: 'Agglomeratie Amsterdam', settings: map.defaults });
    expect(router.route('GM0344', '2026-03-01')?.settings.firstContactWorkingDays).toBe(5);
    // A region without overrides has the defaults; every municipality has a region.
    expect(router.route('GM0014', '2026-03-01')).toEqual({ code: 'MC03', name: 'Centraal en Westelijk Groningen', settings: map.defaults });
    expect(router.route('GM9999', '2026-03-01')).toBeUndefined();
  });

  test("last year's code of a merged municipality routes to this year's region", () => {
    expect(buildRouter(map).route('GM0457', '2026-03-01')).toMatchObject({ code: 'MC21' }); // Weesp, Amsterdam since 2022-03-24
    expect(buildRouter(map).municipalityName('GM0457')).toBe('Weesp');
  });

  test('a map naming a region CBS does not have, or a contactgemeente outside its region, is refused at start', () => {
    expect(() => buildRouter({ ...map, regions: { RC23: {} } })).toThrow('RC23 is not a CBS RMC region');
    expect(() => buildRouter({ ...map, regions: { MC19: { contactgemeente: 'GM0363' } } })).toThrow(
      'contactgemeente GM0363 of MC19 is not a municipality of that region',
    );
  });
});

describe('handover to Werk & Inkomen before 23', () => {
  test('prepared two months before the earliest possible 23rd birthday', () => {
    // 17 on 2026-07-01: born 2008-07-02 at the earliest, so 23 on 2031-07-02 at the earliest.
    expect(prepareWiHandoverBy(earliestTurns23On(17, '2026-07-01'), 2)).toBe('2031-05-02');
    expect(prepareWiHandoverBy(earliestTurns23On(22, '2026-07-01'), 2)).toBe('2026-05-02');
    expect(prepareWiHandoverBy(earliestTurns23On(17, '2026-07-01'), 0)).toBe('2031-07-02');
  });
});
