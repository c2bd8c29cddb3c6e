import { describe, expect, test } from '@jest/globals';
import { holidayRulesFor } from '@estafette/calendar';
import { overdrachtAccepted, overdrachtOffered, uitschrijvingRegistered } from '@estafette/contracts';
import { batonAfter } from './baton.js';
import { canDo, nextStatus, OVERDRACHT_STATUSES, receiverWorksWith, senderStatusAfterReply } from './lifecycle.js';
import { responseDueAt } from './deadline.js';
import { checkPlacement, followUpChecks, returnsToRmc } from './placement.js';

describe('the sender after a reply', () => {
  const deadline = new Date('2026-12-08T00:00:00Z');
  const before = new Date('2026-12-07T12:00:00Z');

  test('an acceptance made before the deadline wins over the expiry it crossed; one at the deadline changes nothing', () => {
    expect(senderStatusAfterReply({ status: 'verlopen', responseDueAt: deadline }, 'accept', before)).toBe('geaccepteerd');
    expect(senderStatusAfterReply({ status: 'verlopen', responseDueAt: deadline }, 'accept', deadline)).toBeUndefined();
  });

  test('a first contact or plaatsing that overtook the acceptance proves it; a duplicate changes nothing', () => {
    expect(senderStatusAfterReply({ status: 'aangeboden', responseDueAt: deadline }, 'place', before)).toBe('geplaatst');
    expect(senderStatusAfterReply({ status: 'aangeboden', responseDueAt: deadline }, 'miss-first-contact', before)).toBe(
      'eerste-contact-gemist',
    );
    expect(senderStatusAfterReply({ status: 'geaccepteerd', responseDueAt: deadline }, 'accept', before)).toBeUndefined();
  });
});

describe('overdracht life cycle', () => {
  test('an offer is answered once: accepted, rejected, expired or withdrawn', () => {
    expect(nextStatus('aangeboden', 'accept')).toBe('geaccepteerd');
    expect(nextStatus('aangeboden', 'reject')).toBe('afgewezen');
    expect(nextStatus('aangeboden', 'expire')).toBe('verlopen');
    expect(nextStatus('aangeboden', 'withdraw')).toBe('ingetrokken');
    expect(() => nextStatus('verlopen', 'accept')).toThrow('an overdracht that is verlopen cannot accept');
    expect(() => nextStatus('geaccepteerd', 'withdraw')).toThrow();
  });

  test('after acceptance: first contact (a missed one can be retried), then placed or failed', () => {
    expect(nextStatus('geaccepteerd', 'miss-first-contact')).toBe('eerste-contact-gemist');
    expect(nextStatus('eerste-contact-gemist', 'hold-first-contact')).toBe('eerste-contact-gehad');
    expect(nextStatus('eerste-contact-gehad', 'place')).toBe('geplaatst');
    expect(nextStatus('eerste-contact-gemist', 'fail')).toBe('mislukt');
    expect(canDo('geplaatst', 'place')).toBe(false);
    expect(canDo('aangeboden', 'place')).toBe(false);
  });
});

describe('who works with the young person (before asking for consent)', () => {
  test('the receiver while the offer is open and while it holds the baton; not after a no, a lapse, a withdrawal or a failure', () => {
    const working = OVERDRACHT_STATUSES.filter(receiverWorksWith).sort();
    expect(working).toEqual(['aangeboden', 'eerste-contact-gehad', 'eerste-contact-gemist', 'geaccepteerd', 'geplaatst']);
    expect(OVERDRACHT_STATUSES).toHaveLength(9);
  });
});

describe('deadlines', () => {
  const rmc = holidayRulesFor('rmc');
  const wi = holidayRulesFor('werk-inkomen');

  test('an offer on Friday 20 November 2026 expires after 5 working days, at Amsterdam midnight ending Friday the 27th', () => {
    expect(responseDueAt('2026-11-20', 5, rmc).toISOString()).toBe('2026-11-27T23:00:00.000Z');
    expect(responseDueAt('2026-12-22', 3, rmc).toISOString()).toBe('2026-12-28T23:00:00.000Z'); // 23, 24, skips Christmas, 28
    expect(responseDueAt('2026-07-01', 5, rmc).toISOString()).toBe('2026-07-08T22:00:00.000Z'); // summer time: UTC+2
  });

  test("the receiver's working days count: 5 May 2026 is a day off for W&I (municipal), not for the RMC", () => {
    expect(responseDueAt('2026-04-28', 5, wi).toISOString()).toBe('2026-05-06T22:00:00.000Z');
    expect(responseDueAt('2026-04-28', 5, rmc).toISOString()).toBe('2026-05-05T22:00:00.000Z');
  });
});

describe('placement rules', () => {
  test('paid work counts from 25 hours a week', () => {
    expect(() => checkPlacement('betaald-werk', 24)).toThrow('25 hours');
    expect(() => checkPlacement('betaald-werk')).toThrow();
    expect(() => checkPlacement('betaald-werk', 25)).not.toThrow();
    expect(() => checkPlacement('dagbesteding')).not.toThrow();
  });

  test('follow-up checks at 2 and 12 months, month ends clamped', () => {
    expect(followUpChecks('2026-01-31')).toEqual([
      { checkType: 'na-2-maanden', dueDate: '2026-03-31' },
      { checkType: 'na-1-jaar', dueDate: '2027-01-31' },
    ]);
    expect(followUpChecks('2026-12-31')[0]).toEqual({ checkType: 'na-2-maanden', dueDate: '2027-02-28' });
  });

  test('a failed placement returns to the RMC under 23, to Werk & Inkomen from 23', () => {
    expect(returnsToRmc(22)).toBe(true);
    expect(returnsToRmc(23)).toBe(false);
  });
});

describe('nazorg: a pro/vso school holds the baton for its leaver', () => {
  const school = { organisationType: 'school', id: 'brin:25XY' };
  const wi = { organisationType: 'werk-inkomen', id: 'gemeente:GM0363' };
  const leaver = (schoolType: string, hasStartkwalificatie = false, ageAtDeregistration = 17) => ({
    id: `u-${schoolType}-${hasStartkwalificatie}-${ageAtDeregistration}`,
    type: uitschrijvingRegistered.type,
    time: '2026-07-01T10:00:00Z',
    data: { school, schoolType, hasStartkwalificatie, ageAtDeregistration },
  });

  test('from the uitschrijving of a pro or vso leaver under 23 without startkwalificatie, until W&I accepts', () => {
    expect(batonAfter([leaver('pro')]).holder).toEqual(school);
    expect(batonAfter([leaver('vso')]).holder).toEqual(school);
    const offered = { overdrachtId: 'o1', from: school, to: wi };
    const accepted = batonAfter([
      { id: 'acc', type: overdrachtAccepted.type, time: '2026-07-03T10:00:00Z', data: offered },
      leaver('pro'),
      {
        id: 'off',
        type: overdrachtOffered.type,
        time: '2026-07-02T10:00:00Z',
        data: { ...offered, responseDueAt: '2026-07-10T00:00:00Z' },
      },
    ]);
    expect(accepted.holder).toEqual(wi);
    expect(accepted.conflicts).toEqual([]);
  });

  test('other leavers get no holder from their uitschrijving: the RMC decides with a vsv-melding', () => {
    expect(batonAfter([leaver('mbo')]).holder).toBeUndefined();
    expect(batonAfter([leaver('pro', true)]).holder).toBeUndefined();
    expect(batonAfter([leaver('vso', false, 23)]).holder).toBeUndefined();
  });
});
