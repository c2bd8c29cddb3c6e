import { describe, expect, test } from '@jest/globals';
import { receiverRefusal } from './receiver.js';

const wi = { id: 'gemeente:GM0363', kind: 'werk-inkomen', name: 'Gemeente Amsterdam, Werk & Inkomen', active: true };

describe('receiverRefusal: an overdracht goes only to a known, active organisation of the kind it names', () => {
  test('a registered, active organisation of that kind is accepted', () => {
    expect(receiverRefusal({ organisationType: 'werk-inkomen', id: wi.id }, wi)).toBeUndefined();
  });

  test('an id the directory does not know is refused, naming the id', () => {
    expect(receiverRefusal({ organisationType: 'zorg', id: 'agb:99999999' }, undefined)).toBe(
      'the organisation directory does not know agb:99999999: an overdracht goes only to a registered organisation',
    );
  });

  test('an organisation of another kind is refused, naming what it is', () => {
    const diemen = { id: 'gemeente:GM0384', kind: 'gemeente', name: 'Diemen', active: true };
    expect(receiverRefusal({ organisationType: 'werk-inkomen', id: diemen.id }, diemen)).toBe(
      'gemeente:GM0384 (Diemen) is a gemeente organisation in the organisation directory, not werk-inkomen',
    );
    expect(receiverRefusal({ organisationType: 'zorg', id: wi.id }, wi)).toContain('is a werk-inkomen organisation');
  });

  test('a deactivated organisation is refused', () => {
    expect(receiverRefusal({ organisationType: 'werk-inkomen', id: wi.id }, { ...wi, active: false })).toContain('is deactivated');
  });
});
