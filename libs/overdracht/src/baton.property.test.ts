import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  overdrachtAccepted, overdrachtExpired, overdrachtFirstContactHeld, overdrachtFirstContactMissed, overdrachtOffered,
  overdrachtRejected, overdrachtWithdrawn, plaatsingPlaced, uitvalNaPlaatsingRegistered, vsvMeldingRegistered,
} from '@estafette/contracts';
import { batonAfter, holderAfter, sameOrganisation, type BatonEvent, type Organisation } from './baton.js';

const rmc: Organisation = { organisationType: 'rmc', id: 'rmc:RMC23' };
const wi: Organisation = { organisationType: 'werk-inkomen', id: 'gemeente:GM0344' };
const zorg: Organisation = { organisationType: 'zorg', id: 'agb:12345678' };
const ORGS = [rmc, wi, zorg];

type Op = 'offer' | 'accept' | 'reject' | 'expire' | 'withdraw' | 'contact-held' | 'contact-missed' | 'place' | 'uitval';
const OPS: Op[] = ['offer', 'accept', 'reject', 'expire', 'withdraw', 'contact-held', 'contact-missed', 'place', 'uitval'];
interface Command { op: Op; pick: number; gapSeconds: number }

type Handover = { overdrachtId: string; from: Organisation; to: Organisation };

/**
 * A reference model of the true history: applies commands in their real order and says who holds the
 * baton after each. Commands that make no sense in the current state are skipped, like a UI would.
 */
function history(commands: Command[]): { events: BatonEvent[]; holders: Organisation[] } {
  let time = Date.parse('2026-09-01T08:00:00Z');
  let n = 0;
  const events: BatonEvent[] = [];
  const holders: Organisation[] = [];
  const emit = (type: string, data: unknown) => {
    time += 1000;
    events.push({ id: `e${String(++n).padStart(4, '0')}`, type, time: new Date(time).toISOString(), data });
    holders.push(holder);
  };
  let holder = rmc;
  let open: Handover | undefined;
  let accepted: (Handover & { contact?: 'held' | 'missed' }) | undefined;
  let placement: { plaatsingId: string } | undefined;
  emit(vsvMeldingRegistered.type, { rmcRegion: 'RMC23' });

  for (const { op, pick, gapSeconds } of commands) {
    time += gapSeconds * 1000;
    if (op === 'offer' && !open) {
      const others = ORGS.filter((o) => !sameOrganisation(o, holder));
      open = { overdrachtId: `ov${n}`, from: holder, to: others[pick % others.length]! };
      emit(overdrachtOffered.type, open);
    } else if (op === 'accept' && open) {
      if (sameOrganisation(open.from, holder)) holder = open.to;
      accepted = open;
      open = undefined;
      emit(overdrachtAccepted.type, accepted);
    } else if ((op === 'reject' || op === 'expire' || op === 'withdraw') && open) {
      const type = { reject: overdrachtRejected, expire: overdrachtExpired, withdraw: overdrachtWithdrawn }[op].type;
      emit(type, open);
      open = undefined;
    } else if ((op === 'contact-held' || op === 'contact-missed') && accepted && accepted.contact !== 'held') {
      accepted.contact = op === 'contact-held' ? 'held' : 'missed';
      emit(op === 'contact-held' ? overdrachtFirstContactHeld.type : overdrachtFirstContactMissed.type, accepted);
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

const commands = fc.array(
  fc.record({ op: fc.constantFrom(...OPS), pick: fc.nat(5), gapSeconds: fc.nat(3600) }),
  { maxLength: 40 },
);
/** A delivery: every event at least once, some twice, in an order of the broker's choosing. */
const delivery = fc.record({ keys: fc.array(fc.double({ noNaN: true }), { minLength: 60, maxLength: 60 }), duplicates: fc.array(fc.nat(), { maxLength: 12 }) });

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
      fc.property(commands, (cmds) => {
        const { events, holders } = history(cmds);
        events.forEach((_, i) => expect(holderAfter(events.slice(0, i + 1))).toEqual(holders[i]));
      }),
      { numRuns: 300 },
    );
  });

  test('shuffled and duplicated delivery: one holder after every step, the same answer as the set of events seen, the right one at the end', () => {
    fc.assert(
      fc.property(commands, delivery, (cmds, how) => {
        const { events, holders } = history(cmds);
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
});
