import { describe, expect, test } from '@jest/globals';
import { formatDate, formatDateField, formatDateTime, formatDeadline, parseDateField } from '../web/src/components/format.js';
import { CONSULENT_CLOSE_REASONS, REGIE_END_REASONS } from '@estafette/contracts';
import { CONSULENT_CLOSE_REASON, REGIE_END_REASON, regieEndText } from '../web/src/components/regie.js';
import { windowQuery } from '../web/src/pages/ops/labels.js';

describe('dates on the pages are Dutch calendar dates', () => {
  test('an answer deadline reads as the last day in time, with its weekday, never a time', () => {
    expect(formatDeadline('2026-12-04')).toBe('uiterlijk vrijdag 4 december 2026');
    expect(formatDeadline('2026-03-30')).toBe('uiterlijk maandag 30 maart 2026');
    expect(formatDeadline(null)).toBe('-');
  });

  test('a calendar date is the same day whatever the zone of the device', () => {
    expect(formatDate('2026-10-25')).toBe('25 oktober 2026');
    expect(formatDate('2026-12-04T23:30:00Z')).toBe('5 december 2026'); // an instant: its Amsterdam day
  });

  test('a date field shows and reads dd-mm-jjjj, whatever the locale: day first, the calendar checked', () => {
    expect(formatDateField('2026-12-04')).toBe('04-12-2026');
    expect(formatDateField('')).toBe('');
    expect(parseDateField('04-12-2026')).toEqual({ ok: true, date: '2026-12-04' });
    expect(parseDateField(' 4-12-2026 ')).toEqual({ ok: true, date: '2026-12-04' });
    expect(parseDateField('4/12/2026')).toEqual({ ok: true, date: '2026-12-04' });
    expect(parseDateField('04.12.2026')).toEqual({ ok: true, date: '2026-12-04' });
    expect(parseDateField('04122026')).toEqual({ ok: true, date: '2026-12-04' });
    // Never month first: 12-04-2026 is the twelfth of April.
    expect(parseDateField('12-04-2026')).toEqual({ ok: true, date: '2026-04-12' });
    expect(parseDateField('2026-12-04')).toEqual({ ok: true, date: '2026-12-04' });
    expect(parseDateField('')).toEqual({ ok: true, date: '' });
    expect(parseDateField('29-02-2028')).toEqual({ ok: true, date: '2028-02-29' });
    for (const impossible of ['31-02-2026', '29-02-2027', '00-01-2026', '15-13-2026']) {
      expect(parseDateField(impossible)).toEqual({ ok: false, reason: expect.stringContaining('bestaat niet') });
    }
    for (const garbled of ['morgen', '4-12-26', '2026/12/04', '12-2026']) {
      expect(parseDateField(garbled)).toEqual({ ok: false, reason: expect.stringContaining('dd-mm-jjjj') });
    }
    for (const iso of ['2026-01-01', '2026-03-29', '2026-10-25', '2026-12-31'])
      expect(parseDateField(formatDateField(iso))).toEqual({ ok: true, date: iso });
  });

  test('a time is Amsterdam time: winter (UTC+1) and summer (UTC+2), whatever the zone of the device', () => {
    expect(formatDateTime('2026-12-04T13:05:00Z')).toBe('4 december 2026 om 14:05');
    expect(formatDateTime('2026-07-01T22:30:00Z')).toBe('2 juli 2026 om 00:30');
  });

  test("the monitor's window ends after the day chosen as 'tot en met', also at a month's and a DST change's end", () => {
    expect(windowQuery({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-03-01', to: '2026-04-01' });
    expect(windowQuery({ from: '', to: '2026-10-25' })).toEqual({ from: undefined, to: '2026-10-26' });
  });

  test('an end of responsibility reads why and since when, in Dutch, for every reason the contract knows', () => {
    const rmc = { organisationType: 'rmc', id: 'rmc:MC21' };
    expect(regieEndText({ reason: 'leeftijd-23', on: '2027-05-10', by: rmc })).toBe('Regie beëindigd op 10 mei 2027: 23 jaar geworden');
    expect(regieEndText({ reason: 'gesloten-door-consulent', on: '2027-06-03', by: rmc, closeReason: 'emigratie' })).toBe(
      'Regie beëindigd op 3 juni 2027: gesloten door de consulent (geëmigreerd)',
    );
    expect(Object.keys(REGIE_END_REASON).sort()).toEqual([...REGIE_END_REASONS].sort());
    expect(Object.keys(CONSULENT_CLOSE_REASON).sort()).toEqual([...CONSULENT_CLOSE_REASONS].sort());
  });
});
