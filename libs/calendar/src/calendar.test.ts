import { describe, expect, it } from '@jest/globals';
import { addDays as addDaysFns, format, parseISO } from 'date-fns';
import {
  addDays,
  addMonths,
  addWorkingDays,
  ageOn,
  birthdayAt,
  calendarDateOf,
  dutchHolidays,
  endOfDay,
  holidayRulesFor,
  isCalendarDate,
  isWorkingDay,
  lastDayInTime,
  parseLiberationDayRules,
  startOfDay,
  today,
} from './index.js';

describe('Amsterdam calendar dates', () => {
  it('today is the Amsterdam date, not the UTC date', () => {
    expect(today(new Date('2026-12-04T23:30:00Z'))).toBe('2026-12-05'); // 00:30 in winter
    expect(today(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02'); // 00:30 in summer (UTC+2)
    expect(today(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  });

  it('today agrees with the time-zone conversion minute by minute around midnight and both DST changes', () => {
    // today() remembers its answer per UTC hour; every minute of these hours must still give the converted date.
    for (const start of [
      '2026-03-28T21:00:00Z',
      '2026-03-29T00:00:00Z',
      '2026-10-24T20:00:00Z',
      '2026-10-25T00:00:00Z',
      '2026-12-31T22:00:00Z',
    ]) {
      for (let minute = 0; minute < 240; minute++) {
        const instant = new Date(Date.parse(start) + minute * 60_000);
        expect(today(instant)).toBe(calendarDateOf(instant));
      }
    }
    expect(today(new Date('1930-06-30T23:50:00Z'))).toBe(calendarDateOf(new Date('1930-06-30T23:50:00Z'))); // before 1970: converted each time
  });

  it('recognises real dates in every month and leap year', () => {
    for (const [date, real] of [
      ['2000-02-29', true], // divisible by 400
      ['1900-02-29', false], // by 100, not 400
      ['2026-04-31', false],
      ['2026-12-31', true],
      ['2026-00-10', false],
      ['2026-01-00', false],
      ['2026-06-31', false],
    ] as const)
      expect([date, isCalendarDate(date)]).toEqual([date, real]);
  });

  it('days start at Amsterdam midnight, across DST changes', () => {
    expect(startOfDay('2026-12-05').toISOString()).toBe('2026-12-04T23:00:00.000Z');
    expect(startOfDay('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z'); // the day after the spring change
    expect(endOfDay('2026-10-24').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(endOfDay('2026-10-25').toISOString()).toBe('2026-10-25T23:00:00.000Z'); // 25 hours long
  });

  it('the last day in time of a deadline is the day it ends', () => {
    expect(lastDayInTime(endOfDay('2026-12-04'))).toBe('2026-12-04');
    expect(calendarDateOf(endOfDay('2026-12-04'))).toBe('2026-12-05');
  });

  it('recognises real dates only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-3')).toBe(false);
    expect(() => startOfDay('2026-13-01')).toThrow(RangeError);
    expect(isCalendarDate('2100-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-00-10')).toBe(false);
    expect(isCalendarDate('2026-12-00')).toBe(false);
  });

  it('the Amsterdam date turns at Amsterdam midnight, instant after instant, summer and winter', () => {
    const dates = [
      '2026-07-01T21:59:59.999Z',
      '2026-07-01T22:00:00.000Z',
      '2026-12-04T22:59:59.999Z',
      '2026-12-04T23:00:00.000Z',
      '2026-12-04T22:30:00.000Z',
    ].map((iso) => calendarDateOf(new Date(iso)));
    expect(dates).toEqual(['2026-07-01', '2026-07-02', '2026-12-04', '2026-12-05', '2026-12-04']);
  });

  it('adds days over month, year and leap-day boundaries as the date library does', () => {
    // Every day of 2027 to 2029 (2028 is a leap year), forwards and back, against date-fns.
    for (let day = 0; day < 3 * 366; day++) {
      const date = format(addDaysFns(parseISO('2027-01-01'), day), 'yyyy-MM-dd');
      for (const step of [1, -1, 31, -366]) expect(addDays(date, step)).toBe(format(addDaysFns(parseISO(date), step), 'yyyy-MM-dd'));
    }
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('months are clamped at the end of the month', () => {
    expect(addMonths('2031-04-30', -2)).toBe('2031-02-28');
    expect(addMonths('2032-04-30', -2)).toBe('2032-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });
});

describe('ages', () => {
  it('counts whole years at the date it matters', () => {
    expect(ageOn('2008-03-04', '2031-03-03')).toBe(22);
    expect(ageOn('2008-03-04', '2031-03-04')).toBe(23);
  });

  it('someone born on 29 February turns a year older on 1 March in other years', () => {
    expect(birthdayAt('2008-02-29', 23)).toBe('2031-03-01');
    expect(birthdayAt('2008-02-29', 24)).toBe('2032-02-29');
    expect(ageOn('2008-02-29', '2031-02-28')).toBe(22);
    expect(ageOn('2008-02-29', '2031-03-01')).toBe(23);
  });
});

describe('working days', () => {
  it('skips weekends and public holidays', () => {
    expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-25')).toBe(false);
    expect(isWorkingDay('2026-04-03')).toBe(true); // Good Friday is no general day off
    expect(addWorkingDays('2026-11-20', 10)).toBe('2026-12-04');
    expect(addWorkingDays('2026-12-18', 10)).toBe('2027-01-05');
    expect(dutchHolidays(2025).has('2025-04-26')).toBe(true); // 27 April 2025 is a Sunday
  });

  it('the Easter-dependent days off: Easter Monday, Ascension and Whit Monday, not Good Friday', () => {
    const days = dutchHolidays(2026);
    expect(['2026-04-06', '2026-05-14', '2026-05-25', '2026-04-27'].every((d) => days.has(d))).toBe(true);
    expect(days.has('2026-04-03')).toBe(false);
    expect(addWorkingDays('2026-04-02', 3)).toBe('2026-04-08'); // Good Friday counts, Easter Monday does not
  });

  it('Liberation Day depends on the kind of organisation', () => {
    expect(isWorkingDay('2026-05-05', holidayRulesFor('rmc'))).toBe(true);
    expect(isWorkingDay('2025-05-05', holidayRulesFor('rmc'))).toBe(false);
    expect(isWorkingDay('2026-05-05', holidayRulesFor('werk-inkomen'))).toBe(false);
    expect(addWorkingDays('2026-05-04', 1, holidayRulesFor('werk-inkomen'))).toBe('2026-05-06');
    expect(addWorkingDays('2026-05-04', 1, holidayRulesFor('school'))).toBe('2026-05-05');
  });

  it('the Liberation Day rule is configurable per kind, over the defaults', () => {
    const configured = parseLiberationDayRules(' rmc = every-year, zorg=never ');
    expect(configured).toEqual({ rmc: { liberationDay: 'every-year' }, zorg: { liberationDay: 'never' } });
    expect(isWorkingDay('2026-05-05', holidayRulesFor('rmc', configured))).toBe(false);
    expect(isWorkingDay('2025-05-05', holidayRulesFor('zorg', configured))).toBe(true); // a lustrum year, but configured never
    expect(holidayRulesFor('werk-inkomen', configured)).toEqual({ liberationDay: 'every-year' }); // not named: the default
    expect(holidayRulesFor('onbekend', configured)).toEqual({ liberationDay: 'lustrum-years' });
    expect(parseLiberationDayRules(undefined)).toEqual({});
    expect(parseLiberationDayRules('  ')).toEqual({});
  });

  it('refuses configuration text that is not kind=rule, naming the pair', () => {
    expect(() => parseLiberationDayRules('rmc=sometimes')).toThrow('"rmc=sometimes" is not kind=rule');
    expect(() => parseLiberationDayRules('rmc')).toThrow(RangeError);
    expect(() => parseLiberationDayRules('=every-year')).toThrow(RangeError);
    expect(() => parseLiberationDayRules('rmc=every-year=x')).toThrow(RangeError);
  });

  it('an answer deadline of N working days ends at Amsterdam midnight, shown as its last day', () => {
    // Offered on Monday 30 March 2026 (the day after the spring DST change), 5 working days for W&I.
    const due = endOfDay(addWorkingDays('2026-03-30', 5, holidayRulesFor('werk-inkomen')));
    expect(due.toISOString()).toBe('2026-04-07T22:00:00.000Z'); // skips Easter Monday 6 April
    expect(lastDayInTime(due)).toBe('2026-04-07');
  });
});
