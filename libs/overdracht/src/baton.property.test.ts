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
  inschrijvingRegistered,
  plaatsingPlaced,
  regieEnded,
  uitvalNaPlaatsingRegistered,
  vsvMeldingCancelled,
  vsvMeldingRegistered,
} from '@estafette/contracts';
import {
  batonAfter,
  batonFactsOf,
  heldOutOfScope,
  holderAfter,
  inScopeWithoutHolder,
  sameOrganisation,
  type BatonEvent,
  type Organisation,
} from './baton.js';

const rmc: Organisation = { organisationType: 'rmc', id: 'rmc:MC21' };
const rmcAfterMove: Organisation = { organisationType: 'rmc', id: 'rmc:MC19' };
const wi: Organisation = { organisationType: 'werk-inkomen', id: 'gemeente:GM0344' };
const zorg: Organisation = { organisationType: 'zorg', id: 'agb:12345678' };
const school: Organisation = { organisationType: 'school', id: 'brin:25XY' };
const otherSchool: Organisation = { organisationType: 'school', id: 'brin:30AB' };
// Every direction the domain names: RMC to W&I, zorg or school; W&I back to the RMC; a pro/vso school to the municipality;
// an RMC region to another after a move.
const ORGS = [rmc, rmcAfterMove, wi, zorg, school];

/** The melding's grace period ends on this day (inclusive); the young person turns 23 on TURNS_23_ON. */
const GRACE_END = '2026-10-01';
const TURNS_23_ON = '2030-01-01';

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
  | 'uitval'
  | 'reenrol'
  | 'close'
  | 'turn-23'
  | 'new-melding'
  | 'late-answer';
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
  'reenrol',
  'close',
  'turn-23',
  'new-melding',
  'late-answer',
];
interface Command {
  op: Op;
  pick: number;
  gapSeconds: number;
}
/** Who starts: the RMC after a vsv-melding, or a pro/vso school that offers its leaver to the municipality. */
type Start = 'vsv-melding' | 'pro-vso-school';

/** The truth after one step: who holds the baton (null: nobody, out of scope) and the date it is. */
interface Truth {
  holder: Organisation | null;
  /** Why the last responsibility ended, while nobody holds the baton. */
  ended: string | null;
  today: string;
  /** False between an answer after the 23rd birthday and the end it causes: two events, so a view can see the moment between. */
  settled: boolean;
}

/** Answer time of an offer in the model: long enough to answer, short enough that deadlines pass. */
const ANSWER_MS = 2 * 3600_000;
type Handover = { overdrachtId: string; from: Organisation; to: Organisation; dueAt: number };
const parties = ({ overdrachtId, from, to }: Handover) => ({ overdrachtId, from, to });
const isRmc = (o: Organisation | null): o is Organisation => o?.organisationType === 'rmc';

/**
 * A reference model of the true history: applies commands in their real order and says who holds the baton after
 * each, written as the field describes it, not with the reducer's code. Commands that make no sense in the current
 * state are skipped, like a UI would. The receiver refuses an acceptance at or after the deadline; a "late-accept" is
 * one that got out anyway (it must change nothing), a "crossing-accept" one made just in time that reaches the sender
 * only after its expiry timer fired (the acceptance wins: it was made in time). Ends of responsibility: an enrolment
 * (inside or after the melding's grace period, at any school), the consulent closing the RMC's task, the 23rd birthday
 * (the RMC's part ends, after the answer to an offer still open); a new melding or an uitval starts again.
 */
function history(commands: Command[], start: Start = 'vsv-melding'): { events: BatonEvent[]; truths: Truth[] } {
  let time = Date.parse('2026-09-01T08:00:00Z');
  let n = 0;
  const events: BatonEvent[] = [];
  const truths: Truth[] = [];
  let holder: Organisation | null = start === 'vsv-melding' ? rmc : school;
  let turned23 = false;
  let ended: string | null = null;
  /** An offer still open when the responsibility ended: its receiver may still answer, which must change nothing. */
  let stale: Handover | undefined;
  let meldingRegion: Organisation | null = null;
  let open: Handover | undefined;
  let accepted: (Handover & { contact?: 'held' | 'missed' }) | undefined;
  let placement: { plaatsingId: string } | undefined;
  const emitAt = (at: number, type: string, data: unknown) => {
    events.push({ id: `e${String(++n).padStart(4, '0')}`, type, time: new Date(at).toISOString(), data });
    truths.push({ holder, ended: holder ? null : ended, today: turned23 ? TURNS_23_ON : '2029-12-31', settled: true });
  };
  const emit = (type: string, data: unknown) => emitAt((time += 1000), type, data);
  const melding = (region: Organisation) => {
    holder = region;
    meldingRegion = region;
    emit(vsvMeldingRegistered.type, {
      vsvMeldingId: `m${n}`,
      rmcRegion: region.id.slice(4),
      gracePeriodEndDate: GRACE_END,
      turns23On: TURNS_23_ON,
    });
  };
  const endBy = (by: Organisation, reason: string, extra: object = {}) => {
    holder = null;
    ended = reason;
    stale = open;
    open = undefined;
    accepted = undefined;
    emit(regieEnded.type, { endedBy: by, reason, endedOn: '2026-10-05', ...extra });
  };
  /** The RMC's part ends on the 23rd birthday, or at the answer to an offer that was still open then. */
  const rmcPartEndsIfDue = () => {
    if (!turned23 || !isRmc(holder) || open) return;
    if (events.length > 0) truths[truths.length - 1]!.settled = false;
    endBy(holder, 'leeftijd-23');
  };
  const offer = (to: Organisation) => {
    open = { overdrachtId: `ov${n}`, from: holder!, to, dueAt: time + 1000 + ANSWER_MS };
    emit(overdrachtOffered.type, { ...parties(open), responseDueAt: new Date(open.dueAt).toISOString() });
  };
  if (start === 'vsv-melding') melding(rmc);
  else offer(wi);

  const acceptOpen = (handover: Handover) => {
    if (sameOrganisation(handover.from, holder ?? undefined)) holder = handover.to;
    accepted = handover;
    open = undefined;
  };

  for (const { op, pick, gapSeconds } of commands) {
    time += gapSeconds * 1000;
    if (op === 'offer' && !open && holder) {
      // From 23 nobody offers to an RMC region: its part has ended.
      const others = ORGS.filter((o) => !sameOrganisation(o, holder!) && !(turned23 && isRmc(o)));
      offer(others[pick % others.length]!);
    } else if (op === 'accept' && open && time + 1000 < open.dueAt) {
      const handover = open;
      acceptOpen(handover);
      emit(overdrachtAccepted.type, parties(handover));
      // Another RMC region accepting after the 23rd birthday: its own birthday timer ends its part at once.
      rmcPartEndsIfDue();
    } else if (op === 'late-accept' && open && time + 1000 >= open.dueAt) {
      emit(overdrachtAccepted.type, parties(open));
    } else if (op === 'crossing-accept' && open && time + 1000 < open.dueAt - 1000) {
      const handover = open;
      // The sender's timer fires first and publishes the expiry; the acceptance (made a second before) arrives after.
      emitAt(handover.dueAt + 500, overdrachtExpired.type, parties(handover));
      if (turned23 && isRmc(handover.from)) {
        // Past 23 the RMC's birthday timer, waiting for this answer, ends its part in between: the acceptance made in
        // time still wins when it arrives (it sorts before the end), the end becomes a conflict.
        truths[truths.length - 1]!.settled = false;
        holder = null;
        ended = 'leeftijd-23';
        emitAt(handover.dueAt + 700, regieEnded.type, { endedBy: handover.from, reason: 'leeftijd-23', endedOn: TURNS_23_ON });
        holder = handover.from;
        ended = null;
      }
      acceptOpen(handover);
      emitAt(handover.dueAt - 1000, overdrachtAccepted.type, parties(handover));
      time = handover.dueAt + 1000;
      rmcPartEndsIfDue();
    } else if (op === 'expire' && open) {
      time = Math.max(time, open.dueAt);
      const expired = open;
      open = undefined;
      emit(overdrachtExpired.type, parties(expired));
      rmcPartEndsIfDue();
    } else if ((op === 'reject' || op === 'withdraw') && open) {
      const answered = open;
      open = undefined;
      emit(op === 'reject' ? overdrachtRejected.type : overdrachtWithdrawn.type, parties(answered));
      rmcPartEndsIfDue();
    } else if ((op === 'contact-held' || op === 'contact-missed') && accepted && accepted.contact !== 'held' && holder) {
      accepted.contact = op === 'contact-held' ? 'held' : 'missed';
      emit(op === 'contact-held' ? overdrachtFirstContactHeld.type : overdrachtFirstContactMissed.type, parties(accepted));
    } else if (op === 'place' && !placement && holder) {
      placement = { plaatsingId: `pl${n}` };
      const viaHandover = accepted && sameOrganisation(accepted.to, holder) ? accepted.overdrachtId : undefined;
      emit(plaatsingPlaced.type, { ...placement, placedBy: holder, overdrachtId: viaHandover });
    } else if (op === 'uitval' && placement) {
      // Under 23 back to the sender (here: the RMC or W&I's own client); from the 23rd birthday always to W&I.
      holder = turned23 || pick % 2 === 1 ? wi : rmc;
      open = undefined;
      emit(uitvalNaPlaatsingRegistered.type, { ...placement, returnsTo: holder });
      placement = undefined;
      accepted = undefined;
    } else if (op === 'reenrol' && holder) {
      const by = holder;
      const onMelding = meldingRegion !== null && sameOrganisation(by, meldingRegion);
      const dateOfEnrolment = pick % 2 === 0 ? GRACE_END : '2026-10-02';
      holder = null;
      ended = onMelding && dateOfEnrolment <= GRACE_END ? 'melding-ingetrokken' : 'terug-naar-school';
      stale = open;
      open = undefined;
      accepted = undefined;
      emit(inschrijvingRegistered.type, { school: pick % 3 === 0 ? school : otherSchool, dateOfEnrolment });
      // The RMC confirms the end it saw: a cancelled melding inside the grace period, regie.ended after it.
      if (isRmc(by) && onMelding && dateOfEnrolment <= GRACE_END)
        emit(vsvMeldingCancelled.type, { rmcRegion: by.id.slice(4), cancellationDate: dateOfEnrolment });
      else if (isRmc(by)) emit(regieEnded.type, { endedBy: by, reason: 'terug-naar-school', endedOn: dateOfEnrolment });
    } else if (op === 'close' && isRmc(holder) && !open) {
      endBy(holder, 'gesloten-door-consulent', { closeReason: 'emigratie' });
    } else if (op === 'turn-23' && !turned23) {
      turned23 = true;
      rmcPartEndsIfDue();
    } else if (op === 'late-answer' && stale && !holder) {
      // Accepted after the end (for example W&I accepting an offer of a task that closed when the young person re-enrolled).
      emit(overdrachtAccepted.type, parties(stale));
      stale = undefined;
    } else if (op === 'new-melding' && !holder && !turned23) {
      melding(pick % 2 === 0 ? rmc : rmcAfterMove);
    }
  }
  return { events, truths };
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

/** What every view answers: the RMC keeps whole events, the monitor only the baton facts; both reduce with batonAfter. */
const views = (events: BatonEvent[]) => {
  const rmcView = batonAfter(events);
  const monitorView = batonAfter(events.map((e) => ({ ...e, data: batonFactsOf(e) })));
  return { rmcView, monitorView };
};
const answer = (view: ReturnType<typeof batonAfter>) => ({ holder: view.holder, inScope: view.inScope, ended: view.ended });

describe('the baton: exactly one holder while in scope, nobody after the end, whatever the broker does', () => {
  test('in the real order, every view agrees with the reference model after every event', () => {
    fc.assert(
      fc.property(commands, start, (cmds, from) => {
        const { events, truths } = history(cmds, from);
        events.forEach((_, i) => {
          const { rmcView, monitorView } = views(events.slice(0, i + 1));
          const truth = truths[i]!;
          expect(rmcView.holder ?? null).toEqual(truth.holder);
          expect(rmcView.inScope).toBe(truth.holder !== null);
          expect(rmcView.ended?.reason ?? null).toBe(truth.ended);
          expect(inScopeWithoutHolder(rmcView)).toBe(false);
          if (truth.settled) expect(heldOutOfScope(rmcView, truth.today)).toBe(false);
          expect(answer(monitorView)).toEqual(answer(rmcView));
        });
      }),
      { numRuns: 400 },
    );
  });

  test('shuffled and duplicated delivery: at most one holder after every step, the same answer as the set of events seen, the right one at the end', () => {
    fc.assert(
      fc.property(commands, start, delivery, (cmds, from, how) => {
        const { events, truths } = history(cmds, from);
        const delivered = deliver(events, how);
        for (let i = 1; i <= delivered.length; i++) {
          const seen = delivered.slice(0, i);
          const view = batonAfter(seen);
          expect(inScopeWithoutHolder(view)).toBe(false);
          if (view.holder) expect(ORGS.some((o) => sameOrganisation(o, view.holder))).toBe(true);
          // A function of the set: reversing the arrival order or dropping duplicates changes nothing.
          expect(answer(batonAfter([...seen].reverse()))).toEqual(answer(view));
          expect(answer(batonAfter([...new Set(seen)]))).toEqual(answer(view));
        }
        const last = truths[truths.length - 1]!;
        const { rmcView, monitorView } = views(delivered);
        expect(rmcView.holder ?? null).toEqual(last.holder);
        expect(rmcView.ended?.reason ?? null).toBe(last.ended);
        expect(answer(monitorView)).toEqual(answer(rmcView));
      }),
      { numRuns: 400 },
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
