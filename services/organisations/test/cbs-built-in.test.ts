import { describe, expect, test } from '@jest/globals';
import { cbsBuiltIn } from '../src/application/cbs-built-in.js';

describe('the directory knows every CBS municipality and RMC region by name', () => {
  const source = cbsBuiltIn();

  test('municipalities and regions resolve to their CBS names', () => {
    expect(source.label).toBe('CBS 2025');
    expect(source.find('gemeente:GM0363')).toEqual({ id: 'gemeente:GM0363', kind: 'gemeente', code: 'GM0363', name: 'Amsterdam' });
    expect(source.find('rmc:MC21')).toMatchObject({ kind: 'rmc', name: 'Agglomeratie Amsterdam' });
    expect(source.find('rmc:MC19')?.name).toBe('Utrecht');
  });

  test('codes CBS does not have are unknown', () => {
    expect(source.find('gemeente:GM9999')).toBeUndefined();
    expect(source.find('rmc:MC14')).toBeUndefined(); // CBS has no MC14 in 2025
    expect(source.find('rmc:RMC23')).toBeUndefined();
  });
});
