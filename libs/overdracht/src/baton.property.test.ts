import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  overdrachtAccepted,
  overdrachtExpired,
  overdrachtFirstContactHeld,
  overdrachtFirstContactMissed,
  overdrachtOffered,
  overdrachtRejected,
  overdrachtWithdrawn,
  plaatsingPlaced,
  uitvalNaPlaatsingRegistered,
  vsvMeldingRegistered,
} from '@estafette/contracts';
import { batonAfter, holderAfter, sameOrganisation, type BatonEvent, type Organisation } from './baton.js';

const rmc: Organisation = { organisationType: 'rmc', id: 'rmc:MC21' };
const wi: Organisation = { organisationType: 'werk-inkomen', id: 'gemeente:GM0344' };
const zorg: Organisation = { organisationType: 'zorg', id: 'agb:12345678' };
const school: Organisation = { organisationType: 'school', id: 'brin:25XY' };
// Every direction the domain names: RMC to W&I, zorg or school; W&I back to the RMC; a pro/vso school to the municipality.
const ORGS = [rmc, wi, zorg, school];

type Op =
  | 'offer'
  | 'accept'
  | 'late-accept'
  | 'crossing-accept'
  | 'reject'
  | 'expire'
  | 'withdraw'
  | 'contact-held'
  | 'contact-missed'
  | 'place'
  | 'uitval';
const OPS: Op[] = [
  'offer',
  'accept',
  'late-accept',
  'crossing-accept',
  'reject',
  'expire',
  'withdraw',
  'contact-held',
  'contact-missed',
  'place',
  'uitval',
];
interface Command {
  op: Op;
  pick: number;
  gapSeconds: number;
}
/** Who starts: the RMC after a vsv-melding, or a pro/vso school that offers its leaver to the municipality. */
type Start = 'vsv-melding' | 'pro-vso-school';

/** Answer time of an offer in the model: long enough to answer, short enough that deadlines pass. */
const ANSWER_MS = 2 * 3600_000;
type Handover = { overdrachtId: string; from: Organisation; to: Organisation; dueAt: number };
const parties = ({ overdrachtId, from, to }: Handover) => ({ overdrachtId, from, to });

/**
 * A reference model of the true history: applies commands in their real order and says who holds the
 * baton after each. Commands that make no sense in the current state are skipped, like a UI would.
 * The receiver refuses an acceptance at or after the deadline; a "late-accept" is one that got out anyway
 * (it must change nothing), a "crossing-accept" one made just in time that reaches the sender only after
 * its expiry timer fired (the acceptance wins: it was made in time).
 */
function history(commands: Command[], start: Start = 'vsv-melding'): { events: BatonEvent[]; holders: Organisation[] } {
  let time = Date.parse('2026-09-01T08:00:00Z');
  let n = 0;
  const events: BatonEvent[] = [];
  const holders: Organisation[] = [];
  const emitAt = (at: number, type: string, data: unknown) => {
    events.push({ id: `e${String(++n).padStart(4, '0')}`, type, time: new Date(at).toISOString(), data });
    holders.push(holder);
  };
  const emit = (type: string, data: unknown) => emitAt((time += 1000), type, data);
  let holder = start === 'vsv-melding' ? rmc : school;
  let open: Handover | undefined;
  let accepted: (Handover & { contact?: 'held' | 'missed' }) | undefined;
  let placement: { plaatsingId: string } | undefined;
  const offer = (to: Organisation) => {
    open = { overdrachtId: `ov${n}`, from: holder, to, dueAt: time + 1000 + ANSWER_MS };
    emit(overdrachtOffered.type, { ...parties(open), responseDueAt: new Date(open.dueAt).toISOString() });
  };
  if (start === 'vsv-melding') emit(vsvMeldingRegistered.type, { rmcRegion: 'MC21' });
  else offer(wi);

  const acceptOpen = (handover: Handover) => {
    if (sameOrganisation(handover.from, holder)) holder = handover.to;
    accepted = handover;
    open = undefined;
  };

  for (const { op, pick, gapSeconds } of commands) {
    time += gapSeconds * 1000;
    if (op === 'offer' && !open) {
      const others = ORGS.filter((o) => !sameOrganisation(o, holder));
      offer(others[pick % others.length]!);
    } else if (op === 'accept' && open && time + 1000 < open.dueAt) {
      const handover = open;
      acceptOpen(handover);
      emit(overdrachtAccepted.type, parties(handover));
    } else if (op === 'late-accept' && open && time + 1000 >= open.dueAt) {
      emit(overdrachtAccepted.type, parties(open));
    } else if (op === 'crossing-accept' && open && time + 1000 < open.dueAt - 1000) {
      const handover = open;
      // The sender's timer fires first and publishes the expiry; the acceptance (made a second before) arrives after.
      emitAt(handover.dueAt + 500, overdrachtExpired.type, parties(handover));
      acceptOpen(handover);
      emitAt(handover.dueAt - 1000, overdrachtAccepted.type, parties(handover));
      time = handover.dueAt + 1000;
    } else if (op === 'expire' && open) {
      time = Math.max(time, open.dueAt);
      emit(overdrachtExpired.type, parties(open));
      open = undefined;
    } else if ((op === 'reject' || op === 'withdraw') && open) {
      emit(op === 'reject' ? overdrachtRejected.type : overdrachtWithdrawn.type, parties(open));
      open = undefined;
    } else if ((op === 'contact-held' || op === 'contact-missed') && accepted && accepted.contact !== 'held') {
      accepted.contact = op === 'contact-held' ? 'held' : 'missed';
      emit(op === 'contact-held' ? overdrachtFirstContactHeld.type : overdrachtFirstContactMissed.type, parties(accepted));
    } else if (op === 'place' && !placement) {
      placement = { plaatsingId: `pl${n}` };
      const viaHandover = accepted && sameOrganisation(accepted.to, holder) ? accepted.overdrachtId : undefined;
      emit(plaatsingPlaced.type, { ...placement, placedBy: holder, overdrachtId: viaHandover });
    } else if (op === 'uitval' && placement) {
      holder = pick % 2 === 0 ? rmc : wi;
      emit(uitvalNaPlaatsingRegistered.type, { ...placement, returnsTo: holder });
      placement = undefined;
      accepted = undefined;
    }
  }
  return { events, holders };
}

const commands = fc.array(fc.record({ op: fc.constantFrom(...OPS), pick: fc.nat(5), gapSeconds: fc.nat(3600) }), { maxLength: 40 });
const start = fc.constantFrom<Start>('vsv-melding', 'pro-vso-school');
/** A delivery: every event at least once, some twice, in an order of the broker's choosing. */
const delivery = fc.record({
  keys: fc.array(fc.double({ noNaN: true }), { minLength: 60, maxLength: 60 }),
  duplicates: fc.array(fc.nat(), { maxLength: 12 }),
});

function deliver<T>(events: T[], { keys, duplicates }: { keys: number[]; duplicates: number[] }): T[] {
  const withDuplicates = [...events, ...duplicates.map((i) => events[i % events.length]!)];
  return withDuplicates
    .map((event, i) => ({ event, key: keys[i % keys.length]! + i * 1e-9 }))
    .sort((a, b) => a.key - b.key)
    .map((d) => d.event);
}

describe('the baton: exactly one holder, whatever the broker does', () => {
  test('in the real order, the reducer agrees with the reference model after every event', () => {
    fc.assert(
      fc.property(commands, start, (cmds, from) => {
        const { events, holders } = history(cmds, from);
        events.forEach((_, i) => expect(holderAfter(events.slice(0, i + 1))).toEqual(holders[i]));
      }),
      { numRuns: 300 },
    );
  });

  test('shuffled and duplicated delivery: one holder after every step, the same answer as the set of events seen, the right one at the end', () => {
    fc.assert(
      fc.property(commands, start, delivery, (cmds, from, how) => {
        const { events, holders } = history(cmds, from);
        const delivered = deliver(events, how);
        for (let i = 1; i <= delivered.length; i++) {
          const seen = delivered.slice(0, i);
          const holder = holderAfter(seen);
          expect(ORGS.some((o) => sameOrganisation(o, holder))).toBe(true);
          // A function of the set: reversing the arrival order or dropping duplicates changes nothing.
          expect(holderAfter([...seen].reverse())).toEqual(holder);
          expect(holderAfter([...new Set(seen)])).toEqual(holder);
        }
        expect(holderAfter(delivered)).toEqual(holders[holders.length - 1]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the baton in the cases people ask about', () => {
  const at = (minute: number) => `2026-09-01T08:${String(minute).padStart(2, '0')}:00Z`;
  const handover = { overdrachtId: 'ov1', from: rmc, to: wi };
  const offered = { id: 'a', type: overdrachtOffered.type, time: at(0), data: handover };
  const accepted = { id: 'b', type: overdrachtAccepted.type, time: at(5), data: handover };
  const placed = { id: 'c', type: plaatsingPlaced.type, time: at(9), data: { plaatsingId: 'p1', placedBy: wi, overdrachtId: 'ov1' } };

  test('the sender keeps the baton until acceptance', () => {
    expect(holderAfter([offered])).toEqual(rmc);
    expect(holderAfter([offered, accepted])).toEqual(wi);
  });

  test('a plaatsing seen before the acceptance proves the acceptance', () => {
    const view = batonAfter([placed, offered]);
    expect(view.holder).toEqual(wi);
    expect(view.overdrachten.ov1!.status).toBe('geplaatst');
    expect(batonAfter([placed, offered, accepted]).overdrachten.ov1!.status).toBe('geplaatst');
  });

  test('an acceptance after the offer expired does not move the baton and is shown as a conflict', () => {
    const expired = { id: 'x', type: overdrachtExpired.type, time: at(3), data: handover };
    const view = batonAfter([accepted, expired, offered]);
    expect(view.holder).toEqual(rmc);
    expect(view.conflicts).toEqual([{ eventId: 'b', why: 'accepted an overdracht that is verlopen' }]);
  });

  describe('late acceptance: the deadline in the offer decides, not the arrival order', () => {
    const due = at(30);
    const offer = { id: 'o', type: overdrachtOffered.type, time: at(0), data: { ...handover, responseDueAt: due } };
    const expiry = { id: 'x', type: overdrachtExpired.type, time: at(31), data: handover };

    test('accepted a minute before the deadline, the expiry fired before the acceptance arrived: the receiver holds it', () => {
      const inTime = { id: 'b', type: overdrachtAccepted.type, time: at(29), data: handover };
      for (const arrival of [
        [offer, expiry, inTime],
        [inTime, expiry, offer],
        [expiry, offer, inTime],
      ]) {
        const view = batonAfter(arrival);
        expect(view.holder).toEqual(wi);
        expect(view.overdrachten.ov1!.status).toBe('geaccepteerd');
        expect(view.conflicts).toEqual([]);
      }
    });

    test('accepted at the deadline, before the expiry was published: refused, the sender keeps the baton', () => {
      const late = { id: 'b', type: overdrachtAccepted.type, time: due, data: handover };
      expect(holderAfter([offer, late])).toEqual(rmc);
      const view = batonAfter([late, expiry, offer]);
      expect(view.holder).toEqual(rmc);
      expect(view.overdrachten.ov1!.status).toBe('verlopen');
      expect(view.conflicts).toEqual([{ eventId: 'b', why: 'accepted after the answer deadline: refused, the sender keeps the baton' }]);
    });

    test("an expiry stamped early (the sender's timer or clock ran ahead) does not beat an acceptance made in time", () => {
      const early = { id: 'x', type: overdrachtExpired.type, time: at(10), data: handover };
      const inTime = { id: 'b', type: overdrachtAccepted.type, time: at(20), data: handover };
      expect(batonAfter([offer, early]).overdrachten.ov1!.status).toBe('verlopen');
      const view = batonAfter([inTime, early, offer]);
      expect(view.holder).toEqual(wi);
      expect(view.overdrachten.ov1!.status).toBe('geaccepteerd');
    });

    test('W&I back to the RMC, and a pro/vso school to the municipality, follow the same rules', () => {
      const back = { overdrachtId: 'ov2', from: wi, to: rmc };
      const events = [
        offer,
        { id: 'b', type: overdrachtAccepted.type, time: at(5), data: handover },
        { id: 'o2', type: overdrachtOffered.type, time: at(40), data: { ...back, responseDueAt: at(59) } },
        { id: 'b2', type: overdrachtAccepted.type, time: at(45), data: back },
      ];
      expect(holderAfter(events.slice(0, 3))).toEqual(wi);
      expect(holderAfter(events)).toEqual(rmc);
      const fromSchool = { overdrachtId: 'ov3', from: school, to: wi };
      const schoolOffer = { id: 'o3', type: overdrachtOffered.type, time: at(0), data: { ...fromSchool, responseDueAt: at(30) } };
      expect(holderAfter([schoolOffer])).toEqual(school);
      expect(holderAfter([{ id: 'b3', type: overdrachtAccepted.type, time: at(10), data: fromSchool }, schoolOffer])).toEqual(wi);
    });
  });
});
