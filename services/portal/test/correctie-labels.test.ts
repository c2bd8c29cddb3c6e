import { describe, expect, test } from '@jest/globals';
import { CORRECTABLE_FIELDS, CORRECTIE_REASONS, INTREKKING_REASONS } from '@estafette/contracts';
import {
  CORRECTIE_REDEN,
  CORRECTIE_VELD,
  correctieRedenText,
  INTREKKING_REDEN,
  waardeText,
  wijzigingen,
} from '../web/src/components/correctie.js';
import { regieEndText } from '../web/src/components/regie.js';

describe("a school's corrections read in Dutch", () => {
  test('every reason and field the contract knows has a Dutch label', () => {
    expect(Object.keys(CORRECTIE_REDEN).sort()).toEqual([...CORRECTIE_REASONS].sort());
    expect(Object.keys(INTREKKING_REDEN).sort()).toEqual([...INTREKKING_REASONS].sort());
    expect(Object.keys(CORRECTIE_VELD).sort()).toEqual([...CORRECTABLE_FIELDS].sort());
  });

  test('a change reads field by field, dates as Dutch dates; a withdrawal changes no field', () => {
    expect(
      wijzigingen({
        municipalityOfResidence: { from: 'GM0363', to: 'GM0599' },
        dateOfDeregistration: { from: '2026-07-01', to: '2026-06-30' },
      }),
    ).toEqual([
      { field: 'municipalityOfResidence', label: 'Woongemeente', from: 'GM0363', to: 'GM0599' },
      { field: 'dateOfDeregistration', label: 'Datum uitschrijving', from: '2026-07-01', to: '2026-06-30' },
    ]);
    expect(wijzigingen({ onbekendVeld: { from: null, to: 'x' } })).toEqual([
      { field: 'onbekendVeld', label: 'onbekendVeld', from: null, to: 'x' },
    ]);
    expect([waardeText('2026-06-30'), waardeText(null), waardeText('mbo')]).toEqual(['30 juni 2026', '-', 'mbo']);
    expect(wijzigingen({})).toEqual([]);
    expect(correctieRedenText('intrekking', 'verkeerde-leerling')).toBe('Verkeerde leerling uitgeschreven');
    expect(correctieRedenText('correctie', 'onbekend')).toBe('onbekend');
  });

  test('a melding cancelled because it was wrong says so at the end of the regie', () => {
    const rmc = { organisationType: 'rmc', id: 'rmc:MC21' };
    expect(regieEndText({ reason: 'melding-ingetrokken', on: '2026-09-01', by: rmc, closeReason: 'onterecht-gemeld' })).toBe(
      'Regie beëindigd op 1 september 2026: vsv-melding ingetrokken (onterecht gemeld)',
    );
  });
});
