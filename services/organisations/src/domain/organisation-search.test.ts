import { describe, expect, test } from '@jest/globals';
import { byRelevance, fitsQuery } from './organisation-search.js';

const wi = { id: 'gemeente:GM0363', code: 'GM0363', name: 'Gemeente Amsterdam, Werk & Inkomen' };
const fryslan = { id: 'rmc:MC01', code: 'MC01', name: 'Súdwest-Fryslân' };
const demo = { id: 'brin:25XY', code: '25XY', name: 'Demo College' };
const amsterdam = { id: 'rmc:MC21', code: 'MC21', name: 'Agglomeratie Amsterdam' };

describe('choosing an organisation by what people type', () => {
  test('every word must occur in the name, code or id, any case, accents ignored', () => {
    expect(fitsQuery(wi, 'amsterdam werk')).toBe(true);
    expect(fitsQuery(wi, 'werk rotterdam')).toBe(false);
    expect(fitsQuery(fryslan, 'sudwest fryslan')).toBe(true);
    expect(fitsQuery(demo, '25xy')).toBe(true);
    expect(fitsQuery(demo, 'brin:25')).toBe(true);
    expect(fitsQuery(demo, '  ')).toBe(true);
    expect(fitsQuery(demo, 'lyceum')).toBe(false);
  });

  test('names that start with what was typed come first, then by name', () => {
    const sorted = [wi, amsterdam, demo].filter((o) => fitsQuery(o, 'g')).sort(byRelevance('g'));
    expect(sorted.map((o) => o.id)).toEqual(['gemeente:GM0363', 'rmc:MC21', 'brin:25XY']);
    expect([demo, amsterdam].sort(byRelevance('')).map((o) => o.name)).toEqual(['Agglomeratie Amsterdam', 'Demo College']);
  });
});
