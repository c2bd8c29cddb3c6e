import { describe, expect, test } from '@jest/globals';
import { cutoffOf, endOfPeriod, isPastPeriod, pastTheirPeriod, policyVersion, RETENTION_SERVICES } from './bewaartermijn.js';
import { ACCESS_LOG_PERIOD, ACCOUNTABILITY_LOG_PERIOD, BEWAARTERMIJNEN, bewaartermijnenOf } from './bewaartermijnen.js';

describe('bewaartermijnen: which rows are past their period on a date', () => {
  test('data stays through the last day of its period and goes the day after', () => {
    // Turned 23 on 30 April 2027, a year for the RMC's reporting: held on 30 April 2028, gone on 1 May.
    expect(endOfPeriod('2027-04-30', { years: 1 })).toBe('2028-04-30');
    expect(isPastPeriod('2027-04-30', { years: 1 }, '2028-04-30')).toBe(false);
    expect(isPastPeriod('2027-04-30', { years: 1 }, '2028-05-01')).toBe(true);
    expect(cutoffOf({ days: 30 }, '2028-03-01')).toBe('2028-01-31');
    expect(cutoffOf({}, '2028-03-01')).toBe('2028-03-01');
  });

  test('a row without a moment yet (still open) is never past', () => {
    const rows = [
      { id: 'closed-long-ago', closed: '2020-01-01' },
      { id: 'closed-lately', closed: '2027-12-01' },
      { id: 'open', closed: null },
    ];
    expect(pastTheirPeriod(rows, (r) => r.closed, { years: 2 }, '2028-06-01').map((r) => r.id)).toEqual(['closed-long-ago']);
  });

  test('every row has a basis, one category once per service, and every service with personal data has rows', () => {
    for (const row of BEWAARTERMIJNEN) expect(row.basis.length).toBeGreaterThan(0);
    for (const service of RETENTION_SERVICES) {
      const categories = bewaartermijnenOf(service).map((r) => r.category);
      expect(categories.length).toBeGreaterThan(0);
      expect(new Set(categories).size).toBe(categories.length);
      expect(categories).toEqual(expect.arrayContaining(['access-log', 'outbox']));
    }
    // The RMC's own reporting year after 23 is a design choice, and says so next to the source it rests on.
    expect(bewaartermijnenOf('rmc')[0]!.basis.map((b) => b.kind)).toEqual(['source', 'design']);
  });

  test('the accountability logs: every receiver keeps its purge record, consent its inzage requests, a year as the access log', () => {
    const logs = BEWAARTERMIJNEN.filter((r) => r.moment === 'recorded');
    expect(logs.map((r) => `${r.service}:${r.category}`)).toEqual([
      'school:verwijdering',
      'rmc:verwijdering',
      'werk-inkomen:verwijdering',
      'zorg:verwijdering',
      'consent:inzage-verzoek',
    ]);
    expect(ACCOUNTABILITY_LOG_PERIOD).toEqual(ACCESS_LOG_PERIOD);
    for (const row of logs) {
      expect(row).toMatchObject({ period: ACCOUNTABILITY_LOG_PERIOD, action: 'delete' });
      expect(row.pending).toBeUndefined();
      // The law it serves (accountability) and the design choice of its length, each named as such.
      expect(row.basis.map((b) => b.kind)).toEqual(['law', 'design']);
      expect(row.basis[0]!.text).toContain('art. 5(2)');
    }
  });

  test('the version changes with any number in the table', () => {
    const rmc = bewaartermijnenOf('rmc');
    expect(policyVersion(rmc)).toMatch(/^[0-9a-f]{12}$/);
    expect(policyVersion([{ ...rmc[0]!, period: { years: 2 } }, ...rmc.slice(1)])).not.toBe(policyVersion(rmc));
  });
});
