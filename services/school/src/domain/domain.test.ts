import { describe, expect, test } from '@jest/globals';
import { ageOn } from './age.js';
import { passesElfproef } from './elfproef.js';
import { nextNazorgStatus } from './nazorg-status.js';
import { hasStartkwalificatie } from './startkwalificatie.js';

describe('startkwalificatie', () => {
  test.each([
    ['havo', true], ['vwo', true], ['mbo-2', true], ['mbo-4', true],
    ['mbo-1', false], ['vmbo-gt', false], ['vmbo-bb', false], ['geen', false],
  ] as const)('%s -> %s', (diploma, expected) => expect(hasStartkwalificatie(diploma)).toBe(expected));
});

describe('elfproef', () => {
  test('accepts valid BSNs', () => {
    expect(passesElfproef('111222333')).toBe(true);
    expect(passesElfproef('123456782')).toBe(true);
  });
  test('rejects a changed digit, wrong length, letters and all zeros', () => {
    expect(passesElfproef('123456781')).toBe(false);
    expect(passesElfproef('12345678')).toBe(false);
    expect(passesElfproef('12345678a')).toBe(false);
    expect(passesElfproef('000000000')).toBe(false);
  });
});

describe('age at a date', () => {
  test('counts whole years; the birthday itself counts', () => {
    expect(ageOn('2008-07-18', '2025-07-17')).toBe(16);
    expect(ageOn('2008-07-18', '2025-07-18')).toBe(17);
    expect(ageOn('2008-02-29', '2025-03-01')).toBe(17);
  });
});

describe('nazorg status', () => {
  test('moves forward, never back', () => {
    expect(nextNazorgStatus('uitgeschreven', 'vsv-gemeld')).toBe('vsv-gemeld');
    expect(nextNazorgStatus('geplaatst', 'vsv-gemeld')).toBe('geplaatst');
  });
});
