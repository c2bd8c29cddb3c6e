import { describe, expect, test } from '@jest/globals';
import { builtInOrganisations, FALLBACK_BUILT_IN } from './built-in-organisations.js';
import { organisationIdFor } from './organisation-codes.js';

describe('organisationIdFor: a code becomes the platform id of its kind, or a reason', () => {
  test.each([
    ['school', '25XY', 'brin:25XY'],
    ['school', ' 25xy ', 'brin:25XY'],
    ['zorg', '12345678', 'agb:12345678'],
    ['werk-inkomen', 'GM0363', 'gemeente:GM0363'],
    ['werk-inkomen', 'gm0363', 'gemeente:GM0363'],
    ['werk-inkomen', '00000001002564440000', 'oin:00000001002564440000'],
    ['platform', '00000001234567890000', 'oin:00000001234567890000'],
  ] as const)('%s %j -> %s', (kind, code, id) => {
    expect(organisationIdFor(kind, code)).toEqual({ ok: true, id, code: id.split(':')[1] });
  });

  test.each([
    ['school', '2XY', 'BRIN code'],
    ['school', '25XY1', 'BRIN code'],
    ['school', 'brin:25XY', 'BRIN code'],
    ['zorg', '1234567', 'AGB code'],
    ['zorg', '1234567A', 'AGB code'],
    ['werk-inkomen', 'GM363', 'CBS municipality code'],
    ['werk-inkomen', '0000000100256444000', 'OIN'],
    ['platform', 'GM0363', 'OIN'],
    ['school', '', 'BRIN code'],
  ] as const)('%s %j is refused, the reason naming the expected code', (kind, code, expected) => {
    const check = organisationIdFor(kind, code);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain(expected);
    expect(!check.ok && check.reason).toContain(`"${code}"`);
  });
});

describe('built-in organisations: municipalities and RMC regions from lists, the fallback for tests', () => {
  test('a source built from two lists finds each by id, with its kind, and nothing else', () => {
    const source = builtInOrganisations('test', {
      municipalities: [['GM0384', 'Diemen']],
      rmcRegions: [['MC21', 'Agglomeratie Amsterdam']],
    });
    expect(source.find('gemeente:GM0384')).toEqual({ id: 'gemeente:GM0384', kind: 'gemeente', code: 'GM0384', name: 'Diemen' });
    expect(source.find('rmc:MC21')).toEqual({ id: 'rmc:MC21', kind: 'rmc', code: 'MC21', name: 'Agglomeratie Amsterdam' });
    expect(source.find('gemeente:MC21')).toBeUndefined();
    expect(source.find('GM0384')).toBeUndefined();
  });

  test('the fallback knows the sample regions and their contact municipalities', () => {
    expect(FALLBACK_BUILT_IN.find('rmc:MC21')?.kind).toBe('rmc');
    expect(FALLBACK_BUILT_IN.find('gemeente:GM0363')?.name).toBe('Amsterdam');
    expect(FALLBACK_BUILT_IN.find('gemeente:GM9999')).toBeUndefined();
  });
});
