import { expect, test } from '@jest/globals';
import { decideZoekperiode } from './zoekperiode.js';

test('zoekperiode: 4 weeks for 18 to 27, unless waived', () => {
  expect(decideZoekperiode(17, '2026-11-02')).toEqual({ applies: false, why: 'buiten-leeftijd' });
  expect(decideZoekperiode(27, '2026-11-02')).toEqual({ applies: false, why: 'buiten-leeftijd' });
  expect(decideZoekperiode(19, '2026-11-02')).toEqual({ applies: true, waived: false, endDate: '2026-11-30' });
  // Calendar days, not working days: 5 May (a municipal day off) does not lengthen it.
  expect(decideZoekperiode(19, '2026-04-20')).toEqual({ applies: true, waived: false, endDate: '2026-05-18' });
  expect(decideZoekperiode(19, '2026-11-02', 'dakloos')).toEqual({ applies: true, waived: true, reason: 'dakloos' });
});
