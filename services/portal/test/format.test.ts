import { describe, expect, test } from '@jest/globals';
import { formatDate, formatDeadline } from '../web/src/components/format.js';
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

  test("the monitor's window ends after the day chosen as 'tot en met', also at a month's and a DST change's end", () => {
    expect(windowQuery({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-03-01', to: '2026-04-01' });
    expect(windowQuery({ from: '', to: '2026-10-25' })).toEqual({ from: undefined, to: '2026-10-26' });
  });
});
