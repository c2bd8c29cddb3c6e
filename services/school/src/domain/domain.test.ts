import { describe, expect, test } from '@jest/globals';
import { passesElfproef } from './elfproef.js';
import { nextNazorgStatus } from './nazorg-status.js';
import { receiverMayRead, rmcMayRead } from './need-to-know.js';
import { hasStartkwalificatie } from './startkwalificatie.js';

describe('startkwalificatie', () => {
  test.each([
    ['havo', true],
    ['vwo', true],
    ['mbo-2', true],
    ['mbo-4', true],
    ['mbo-1', false],
    ['vmbo-gt', false],
    ['vmbo-bb', false],
    ['geen', false],
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

describe('nazorg status', () => {
  test('moves forward, never back', () => {
    expect(nextNazorgStatus('uitgeschreven', 'vsv-gemeld')).toBe('vsv-gemeld');
    expect(nextNazorgStatus('geplaatst', 'vsv-gemeld')).toBe('geplaatst');
  });
});

describe('need-to-know for an RMC (rmcMayRead)', () => {
  const open = {
    readerRegion: 'MC21',
    residenceRegion: 'MC21',
    nazorgStatus: 'vsv-gemeld' as const,
    birthDate: '2008-03-14',
    today: '2026-11-29',
  };
  test('its own region, an open vsv-melding, under 23: shared', () => expect(rmcMayRead(open)).toEqual({ allowed: true }));
  test('a havo graduate has a startkwalificatie, so no vsv-melding: refused', () =>
    expect(rmcMayRead({ ...open, nazorgStatus: 'uitgeschreven' })).toEqual({ allowed: false, reason: 'geen-open-vsv-melding' }));
  test('a cancelled (closed) vsv-melding: refused', () =>
    expect(rmcMayRead({ ...open, nazorgStatus: 'vsv-vervallen' })).toEqual({ allowed: false, reason: 'geen-open-vsv-melding' }));
  test('a 24-year-old: refused', () =>
    expect(rmcMayRead({ ...open, birthDate: '2002-01-01' })).toEqual({ allowed: false, reason: '23-of-ouder' }));
  test('23 exactly on the day of the read: refused; the day before: shared', () => {
    expect(rmcMayRead({ ...open, birthDate: '2003-11-29' })).toEqual({ allowed: false, reason: '23-of-ouder' });
    expect(rmcMayRead({ ...open, birthDate: '2003-11-30' })).toEqual({ allowed: true });
  });
  test('born 29 February 2004: still 22 on 28 February 2027 (shared), 23 on 1 March 2027 (refused)', () => {
    const leapling = { ...open, birthDate: '2004-02-29' };
    expect(rmcMayRead({ ...leapling, today: '2027-02-28' })).toEqual({ allowed: true });
    expect(rmcMayRead({ ...leapling, today: '2027-03-01' })).toEqual({ allowed: false, reason: '23-of-ouder' });
  });
  test('a young person living in another region, or in a municipality no region has: refused', () => {
    expect(rmcMayRead({ ...open, residenceRegion: 'MC19' })).toEqual({ allowed: false, reason: 'andere-regio' });
    expect(rmcMayRead({ ...open, residenceRegion: undefined })).toEqual({ allowed: false, reason: 'andere-regio' });
  });
});

describe('need-to-know for W&I and zorg (receiverMayRead)', () => {
  test('only with a referral addressed to them', () => {
    expect(receiverMayRead(true)).toEqual({ allowed: true });
    expect(receiverMayRead(false)).toEqual({ allowed: false, reason: 'geen-verwijzing' });
  });
});
