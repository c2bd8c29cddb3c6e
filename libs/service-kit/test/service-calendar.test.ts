import { describe, expect, test } from '@jest/globals';
import { validate } from 'class-validator';
import { IsCalendarDate, ServiceCalendar, serviceConfig } from '../src/index.js';

const env = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/postgres', ESTAFETTE_ENV: 'development' };

describe("the service's clock and holiday rules (ServiceCalendar)", () => {
  test('today is the Amsterdam date of the injected clock, not the UTC date', () => {
    let now = new Date('2026-03-29T22:30:00Z'); // 00:30 on Monday 30 March, the day after the spring DST change
    const calendar = new ServiceCalendar(() => now);
    expect(calendar.today()).toBe('2026-03-30');
    now = new Date('2026-10-25T23:30:00Z'); // 00:30 on Monday 26 October, after the autumn change
    expect(calendar.today()).toBe('2026-10-26');
    expect(calendar.now()).toBe(now);
  });

  test('LIBERATION_DAY_RULES overrides the rule of the kinds it names; the others keep their default', () => {
    const config = serviceConfig('rmc', 3002, { ...env, LIBERATION_DAY_RULES: 'rmc=every-year' });
    const calendar = new ServiceCalendar(undefined, config.holidayRules);
    expect(calendar.holidayRules('rmc')).toEqual({ liberationDay: 'every-year' });
    expect(calendar.holidayRules('school')).toEqual({ liberationDay: 'lustrum-years' });
    expect(new ServiceCalendar().holidayRules('werk-inkomen')).toEqual({ liberationDay: 'every-year' });
  });

  test('a LIBERATION_DAY_RULES that is not kind=rule stops the service at start, naming the variable and the pair', () => {
    expect(() => serviceConfig('rmc', 3002, { ...env, LIBERATION_DAY_RULES: 'rmc=always' })).toThrow(
      'LIBERATION_DAY_RULES: "rmc=always" is not kind=rule',
    );
  });
});

class DatedBody {
  @IsCalendarDate()
  startDate!: unknown;
}

describe('a calendar date in a request (IsCalendarDate)', () => {
  const reasons = async (startDate: unknown) =>
    (await validate(Object.assign(new DatedBody(), { startDate }))).flatMap((e) => Object.values(e.constraints ?? {}));

  test('a real YYYY-MM-DD passes; a date-time, an impossible date or another shape is refused, naming the field', async () => {
    expect(await reasons('2028-02-29')).toEqual([]);
    for (const bad of ['2026-03-30T10:00', '2026-02-29', '2026-3-30', '30-03-2026', 20260330, null])
      expect(await reasons(bad)).toEqual(['startDate must be a real date (YYYY-MM-DD)']);
  });
});
