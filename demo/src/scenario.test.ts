import { describe, expect, test } from '@jest/globals';
import { platformIndeling } from '@estafette/contracts';
import { demoRegion } from './demo-region.js';
import { demoScenario, plannedCounts, schoolYearOf } from './scenario.js';

const options = { seed: 2026, size: 2000, today: '2026-11-25', region: demoRegion() };
const elfproef = (bsn: string) => [...bsn].reduce((sum, d, k) => sum + Number(d) * (k === 8 ? -1 : 9 - k), 0) % 11 === 0;
const ageOn = (birth: string, on: string) => (Date.parse(on) - Date.parse(birth)) / (365.25 * 86_400_000);

describe('the demo school year', () => {
  const people = demoScenario(options);

  test('is the same year for the same seed, and another year for another seed', () => {
    expect(demoScenario(options)).toEqual(people);
    expect(demoScenario({ ...options, seed: 2027 })).not.toEqual(people);
  });

  test('lies in the last school year that ended, deregistrations peaking in June and July', () => {
    expect(schoolYearOf('2026-11-25')).toEqual({ start: '2025-08-01', end: '2026-07-31' });
    expect(schoolYearOf('2026-03-01')).toEqual({ start: '2024-08-01', end: '2025-07-31' });
    const dates = people.map((p) => p.uitschrijving.deregistrationDate);
    expect(dates.every((d) => d >= '2025-08-01' && d <= '2026-07-31')).toBe(true);
    const summer = dates.filter((d) => d >= '2026-06-01').length / dates.length;
    expect(summer).toBeGreaterThan(0.35);
    expect(summer).toBeLessThan(0.6);
  });

  test('has young people the RMC must follow: valid BSNs, 16 to 21 when leaving, no startkwalificatie, in region MC21', () => {
    expect(new Set(people.map((p) => p.uitschrijving.bsn)).size).toBe(people.length);
    for (const { uitschrijving: u } of people) {
      expect(elfproef(u.bsn)).toBe(true);
      const age = ageOn(u.birthDate, u.deregistrationDate);
      expect(age).toBeGreaterThanOrEqual(16);
      expect(age).toBeLessThan(22);
      expect(['geen', 'vmbo-bb', 'vmbo-kb', 'vmbo-gt']).toContain(u.highestDiploma);
      expect(platformIndeling().rmcRegionOf.get(u.municipalityOfResidence)).toBe('MC21');
    }
  });

  test('plays in the real region MC21 Agglomeratie Amsterdam: most in Amsterdam, every one of its 14 municipalities used', () => {
    expect(options.region).toMatchObject({ code: 'MC21', name: 'Agglomeratie Amsterdam' });
    expect(options.region.municipalities[0]).toEqual({ code: 'GM0363', name: 'Amsterdam' });
    const homes = people.map((p) => p.uitschrijving.municipalityOfResidence);
    expect(new Set(homes).size).toBe(14);
    expect(homes.filter((m) => m === 'GM0363').length / homes.length).toBeGreaterThan(0.5);
    const diemen = people.find((p) => p.uitschrijving.municipalityOfResidence === 'GM0384')!;
    expect(diemen.uitschrijving.contact.city).toBe('Diemen');
  });

  test('sends every kind of journey, and nothing happens after today', () => {
    const c = plannedCounts(people);
    for (const [name, n] of Object.entries(c)) expect([name, n > 0]).toEqual([name, true]);
    expect(c.geaccepteerd + c.afgewezen + c.onbeantwoord).toBe(c.overdrachten);
    expect(c.naarWerkInkomen + c.naarZorg).toBe(c.overdrachten);
    for (const p of people) {
      const h = p.journey.handover;
      if (p.journey.reEnrolment) expect(p.journey.reEnrolment.enrolmentDate <= options.today).toBe(true);
      if (h?.placement) {
        expect(h.answer).toBe('accept');
        expect(h.firstContact).toBe('held');
        expect(h.placement.startDate <= options.today).toBe(true);
        // Paid work counts as work from 25 hours a week.
        if (h.placement.placementType === 'betaald-werk') expect(h.placement.hoursPerWeek).toBeGreaterThanOrEqual(25);
      }
      if (h?.answer === 'reject') expect(h.rejectReason).toBeDefined();
      if (p.journey.handover || p.journey.close) expect(p.journey.contact).toBe('reached');
    }
  });
});
