import { describe, expect, test } from '@jest/globals';
import { whoKnowsWhat, type AuditedDecision } from './wie-weet-wat.js';

describe('whoKnowsWhat: THAT and WHAT per organisation, from the decision audit', () => {
  const wi = { organisationType: 'werk-inkomen', id: 'oin:00000001002564440000' };
  const school = { organisationType: 'school', id: 'brin:25XY' };
  const rmc = { organisationType: 'rmc', id: 'rmc:MC21' };
  const at = (day: number) => new Date(Date.UTC(2026, 0, day));
  const decision = (day: number, to: typeof wi, level: 'signaal' | 'inhoud', permit: boolean): AuditedDecision => ({
    decidedAt: at(day),
    request: { from: rmc, to, purpose: level === 'inhoud' ? 'warme-overdracht' : 'terugmelding', level },
    outcome: {
      permit,
      decidedBy: permit ? { kind: 'toestemming', toestemmingId: `t${day}`, grondslag: 'toestemming' } : { kind: 'none' },
    },
  });

  test('the highest permitted level counts, with its latest permit; denials give nothing', () => {
    const known = whoKnowsWhat([
      decision(1, wi, 'signaal', true),
      decision(2, wi, 'inhoud', true),
      decision(3, wi, 'inhoud', true),
      decision(4, wi, 'signaal', true),
      decision(5, school, 'signaal', true),
      decision(6, school, 'inhoud', false),
      decision(7, { organisationType: 'zorg', id: 'agb:73730123' }, 'inhoud', false),
    ]);
    expect(known.map((k) => [k.organisation.id, k.level, k.at])).toEqual([
      [wi.id, 'inhoud', at(3)],
      [school.id, 'signaal', at(5)],
    ]);
    expect(known[0]).toMatchObject({ holder: rmc, purpose: 'warme-overdracht', basis: { toestemmingId: 't3' } });
  });
});
