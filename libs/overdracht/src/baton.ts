import {
  overdrachtAccepted,
  overdrachtExpired,
  overdrachtFirstContactHeld,
  overdrachtFirstContactMissed,
  overdrachtOffered,
  overdrachtRejected,
  overdrachtWithdrawn,
  plaatsingFollowUpChecked,
  inschrijvingRegistered,
  plaatsingPlaced,
  regieEnded,
  uitschrijvingRegistered,
  uitvalNaPlaatsingRegistered,
  vsvMeldingCancelled,
  vsvMeldingRegistered,
  type RegieEndedData,
} from '@estafette/contracts';
import { reenrolmentOutcome } from './reenrolment.js';
import { canDo, nextStatus, receiverHolds, type OverdrachtAction, type OverdrachtStatus } from './lifecycle.js';

export interface Organisation {
  organisationType: string;
  id: string;
}

/** The part of a CloudEvent the baton needs; events are as they came off the bus. */
export interface BatonEvent {
  id: string;
  type: string;
  time: string;
  data: unknown;
}

export interface OverdrachtView {
  from?: Organisation;
  to?: Organisation;
  status: OverdrachtStatus;
  /** From the offer: an acceptance made at or after it is refused (see "Late acceptance" in the README). */
  responseDueAt?: string;
}

/** Why and when the last holder's responsibility ended (see REGIE_END_REASONS in @estafette/contracts). */
export interface BatonEnd {
  reason: RegieEndedData['reason'];
  /** Europe/Amsterdam calendar date. */
  on: string;
  by: Organisation;
  closeReason?: RegieEndedData['closeReason'];
}

export interface BatonView {
  /** Who holds the baton (regie): set exactly when `inScope`. */
  holder?: Organisation;
  /** Someone must hold the baton: from the first responsibility until it ends. */
  inScope: boolean;
  /** The last end of responsibility, while the young person is out of scope. */
  ended?: BatonEnd;
  /** Every end of responsibility in the history, oldest first (an end told twice is one end): the steering figures count these. */
  ends: BatonEnd[];
  /** The date the young person turns 23, from the first event that said so (calendar date). */
  turns23On?: string;
  /** The current vsv-melding: its grace period decides what an enrolment means. */
  melding?: { vsvMeldingId: string; rmcRegion: string; gracePeriodEndDate: string };
  overdrachten: Record<string, OverdrachtView>;
  /** Events that could not change anything, with why: shown to the coordinator, never dropped silently. */
  conflicts: { eventId: string; why: string }[];
}

/** The event types that decide the baton; a service consumes exactly these to keep the projection. */
export const BATON_EVENT_TYPES = [
  uitschrijvingRegistered,
  inschrijvingRegistered,
  vsvMeldingRegistered,
  vsvMeldingCancelled,
  regieEnded,
  overdrachtOffered,
  overdrachtAccepted,
  overdrachtRejected,
  overdrachtExpired,
  overdrachtWithdrawn,
  overdrachtFirstContactHeld,
  overdrachtFirstContactMissed,
  plaatsingPlaced,
  plaatsingFollowUpChecked,
  uitvalNaPlaatsingRegistered,
].map((d) => d.type);

/** The only data fields the reducer reads: organisations, ids, dates and codes, never personal content. */
const BATON_FIELDS = [
  'overdrachtId',
  'from',
  'to',
  'responseDueAt',
  'rmcRegion',
  'vsvMeldingId',
  'gracePeriodEndDate',
  'cancellationDate',
  'placedBy',
  'returnsTo',
  'school',
  'schoolType',
  'hasStartkwalificatie',
  'ageAtDeregistration',
  'dateOfEnrolment',
  'endedBy',
  'reason',
  'endedOn',
  'closeReason',
  'turns23On',
] as const;

/**
 * The part of an event the baton needs, or null for an event that does not touch the baton. A view that keeps
 * only these facts (the monitor) computes the same baton as one that keeps whole events (the RMC).
 */
export function batonFactsOf(event: { type: string; data: unknown }): Record<string, unknown> | null {
  if (!BATON_EVENT_TYPES.includes(event.type)) return null;
  const data = (event.data ?? {}) as Record<string, unknown>;
  return Object.fromEntries(BATON_FIELDS.filter((field) => data[field] !== undefined).map((field) => [field, data[field]]));
}

/** (design) Pro and vso keep their leavers in nazorg themselves (pro 1 year, vso 2) and hand over to the municipality. */
export const NAZORG_SCHOOL_TYPES: readonly string[] = ['pro', 'vso'];

/**
 * A pro/vso leaver under 23 without a startkwalificatie is no vsv-melding for the RMC: the school holds the baton in
 * nazorg from its uitschrijving until a receiver accepts its overdracht. Without this the young person would have no holder.
 */
export function schoolKeepsInNazorg(data: { schoolType?: string; hasStartkwalificatie: boolean; ageAtDeregistration: number }): boolean {
  return !data.hasStartkwalificatie && data.ageAtDeregistration < 23 && NAZORG_SCHOOL_TYPES.includes(data.schoolType ?? '');
}

// Same timestamp: the cause sorts before its effect, so a tie cannot reverse a handover.
const RANK: Record<string, number> = {
  [uitschrijvingRegistered.type]: 0,
  [vsvMeldingRegistered.type]: 0,
  [inschrijvingRegistered.type]: 7,
  [vsvMeldingCancelled.type]: 8,
  [regieEnded.type]: 8,
  [overdrachtOffered.type]: 1,
  [overdrachtAccepted.type]: 2,
  [overdrachtRejected.type]: 2,
  [overdrachtExpired.type]: 2,
  [overdrachtWithdrawn.type]: 2,
  [overdrachtFirstContactHeld.type]: 3,
  [overdrachtFirstContactMissed.type]: 3,
  [plaatsingPlaced.type]: 4,
  [plaatsingFollowUpChecked.type]: 5,
  [uitvalNaPlaatsingRegistered.type]: 6,
};

const REPLY_ACTIONS: Record<string, OverdrachtAction> = {
  [overdrachtRejected.type]: 'reject',
  [overdrachtExpired.type]: 'expire',
  [overdrachtWithdrawn.type]: 'withdraw',
  [overdrachtFirstContactHeld.type]: 'hold-first-contact',
  [overdrachtFirstContactMissed.type]: 'miss-first-contact',
};

export const sameOrganisation = (a?: Organisation, b?: Organisation): boolean =>
  !!a && !!b && a.organisationType === b.organisationType && a.id === b.id;

/**
 * Canonical order of a set of events: duplicates (same id) removed, then by event time, then by
 * cause-before-effect, then by id. Delivery order and redelivery therefore cannot change the outcome.
 */
export function canonicalOrder<E extends BatonEvent>(events: readonly E[]): E[] {
  const unique = [...new Map(events.map((e) => [e.id, e])).values()];
  return unique.sort(
    (a, b) =>
      Date.parse(a.time) - Date.parse(b.time) || (RANK[a.type] ?? 9) - (RANK[b.type] ?? 9) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The baton as a pure function of the set of events seen about one young person. */
export function batonAfter(events: readonly BatonEvent[]): BatonView {
  const view: BatonView = { inScope: false, ends: [], overdrachten: {}, conflicts: [] };
  for (const event of canonicalOrder(events)) apply(view, event);
  return view;
}

export const holderAfter = (events: readonly BatonEvent[]): Organisation | undefined => batonAfter(events).holder;

type Parties = { overdrachtId: string; from: Organisation; to: Organisation };

function apply(view: BatonView, event: BatonEvent): void {
  const conflict = (why: string) => view.conflicts.push({ eventId: event.id, why });
  const data = event.data as Record<string, unknown>;
  if (typeof data.turns23On === 'string') view.turns23On ??= data.turns23On;
  switch (event.type) {
    case uitschrijvingRegistered.type:
      if (schoolKeepsInNazorg(data as Parameters<typeof schoolKeepsInNazorg>[0])) signal(view, data.school as Organisation);
      return;
    case vsvMeldingRegistered.type: {
      const rmcRegion = data.rmcRegion as string;
      if (signal(view, { organisationType: 'rmc', id: `rmc:${rmcRegion}` }) || !view.melding)
        view.melding = { vsvMeldingId: data.vsvMeldingId as string, rmcRegion, gracePeriodEndDate: data.gracePeriodEndDate as string };
      return;
    }
    case inschrijvingRegistered.type:
      enrolled(view, data as { school: Organisation; dateOfEnrolment: string; overdrachtId?: string });
      return;
    case vsvMeldingCancelled.type: {
      const rmc = { organisationType: 'rmc', id: `rmc:${data.rmcRegion as string}` };
      // A melding that was wrong from the start (a school's withdrawal or correction) says so beside the reason.
      const wrong = data.reason === 'onterecht-gemeld' ? { closeReason: 'onterecht-gemeld' as const } : {};
      if (view.inScope && sameOrganisation(view.holder, rmc))
        end(view, { reason: 'melding-ingetrokken', on: data.cancellationDate as string, by: rmc, ...wrong });
      else if (view.inScope) conflict('vsv-melding cancelled by an RMC that does not hold the baton');
      return;
    }
    case regieEnded.type: {
      const ended = data as RegieEndedData;
      // Already out of scope: a second end of the same responsibility (the RMC confirms what an enrolment ended) changes nothing.
      if (!view.inScope) return;
      if (!sameOrganisation(view.holder, ended.endedBy)) conflict('ended by an organisation that does not hold the baton');
      else end(view, { reason: ended.reason, on: ended.endedOn, by: ended.endedBy, closeReason: ended.closeReason });
      return;
    }
    case overdrachtOffered.type: {
      const ov = overdracht(view, data as Parties);
      ov.responseDueAt ??= data.responseDueAt as string | undefined;
      begin(view, ov.from!);
      return;
    }
    case overdrachtAccepted.type: {
      const ov = overdracht(view, data as Parties);
      // The deadline decides, not the arrival order: an acceptance made in time wins over an expiry that
      // crossed it on the bus; one made at or after the deadline never moves the baton.
      const inTime = ov.responseDueAt ? Date.parse(event.time) < Date.parse(ov.responseDueAt) : undefined;
      if (ov.status === 'aangeboden' && inTime === false) {
        begin(view, ov.from!);
        conflict('accepted after the answer deadline: refused, the sender keeps the baton');
        return;
      }
      // An expiry stamped before the acceptance although the acceptance was in time (a sender's clock or timer
      // ran early): the acceptance stands, as the sender reconciles it too.
      if (ov.status === 'verlopen' && inTime === true) ov.status = 'aangeboden';
      accept(view, data as Parties, conflict);
      return;
    }
    case overdrachtExpired.type: {
      const ov = overdracht(view, data as Parties);
      begin(view, ov.from!);
      if (canDo(ov.status, 'expire')) ov.status = 'verlopen';
      // The receiver accepted in time and the sender's timer fired before that reached it: reconciled, not a conflict.
      else if (!receiverHolds(ov.status)) conflict(`expire on an overdracht that is ${ov.status}`);
      return;
    }
    case overdrachtRejected.type:
    case overdrachtWithdrawn.type:
    case overdrachtFirstContactHeld.type:
    case overdrachtFirstContactMissed.type: {
      const parties = data as Parties;
      const action = REPLY_ACTIONS[event.type]!;
      // A first contact proves the acceptance, even when the accepted event has not arrived yet.
      if (action === 'hold-first-contact' || action === 'miss-first-contact') accept(view, parties, () => undefined);
      const ov = overdracht(view, parties);
      begin(view, ov.from!);
      if (canDo(ov.status, action)) ov.status = nextStatus(ov.status, action);
      else conflict(`${action} on an overdracht that is ${ov.status}`);
      return;
    }
    case plaatsingPlaced.type: {
      const placedBy = data.placedBy as Organisation;
      const overdrachtId = data.overdrachtId as string | undefined;
      const ov = overdrachtId ? view.overdrachten[overdrachtId] : undefined;
      // A placement by the receiver proves the acceptance that may still be on its way.
      if (ov && overdrachtId && sameOrganisation(ov.to, placedBy))
        accept(view, { overdrachtId, from: ov.from!, to: placedBy }, () => undefined);
      begin(view, placedBy);
      if (ov && canDo(ov.status, 'place')) ov.status = 'geplaatst';
      if (!sameOrganisation(view.holder, placedBy)) conflict('placed by an organisation that does not hold the baton');
      return;
    }
    case uitvalNaPlaatsingRegistered.type:
      // A failed placement must be picked up: whoever it returns to holds the baton from now on, also after an end.
      view.holder = data.returnsTo as Organisation;
      view.inScope = true;
      view.ended = undefined;
      return;
    default:
      return;
  }
}

/**
 * The first responsibility: `holder` takes the baton when nobody holds it and nobody gave it up. After an end only a new
 * signal (a vsv-melding, a nazorg uitschrijving or an uitval) starts again. Returns whether it started.
 */
function begin(view: BatonView, holder: Organisation): boolean {
  return view.inScope || view.ended !== undefined ? false : start(view, holder);
}

/** A new signal (a vsv-melding, a nazorg uitschrijving): starts a responsibility when nobody holds one, also after an end. */
function signal(view: BatonView, holder: Organisation): boolean {
  return view.inScope ? false : start(view, holder);
}

function start(view: BatonView, holder: Organisation): boolean {
  view.holder = holder;
  view.inScope = true;
  view.ended = undefined;
  return true;
}

function end(view: BatonView, ended: BatonEnd): void {
  view.holder = undefined;
  view.inScope = false;
  view.ended = ended;
  view.ends.push(ended);
}

/**
 * An enrolment ends the holder's responsibility: back at the school that accepted the young person, or anywhere after the
 * grace period, the young person went back to school (a success); within the grace period of the RMC's melding, the
 * melding is cancelled (see reenrolmentOutcome).
 */
function enrolled(view: BatonView, data: { school: Organisation; dateOfEnrolment: string }): void {
  if (!view.inScope || !view.holder) return;
  const by = view.holder;
  const melding = view.melding;
  const heldOnMelding = by.organisationType === 'rmc' && melding && by.id === `rmc:${melding.rmcRegion}`;
  const reason = heldOnMelding ? reenrolmentOutcome(data.dateOfEnrolment, melding.gracePeriodEndDate) : 'terug-naar-school';
  end(view, { reason, on: data.dateOfEnrolment, by });
}

function overdracht(view: BatonView, { overdrachtId, from, to }: Parties): OverdrachtView {
  const ov = (view.overdrachten[overdrachtId] ??= { status: 'aangeboden' });
  ov.from ??= from;
  ov.to ??= to;
  return ov;
}

function accept(view: BatonView, parties: Parties, conflict: (why: string) => void): void {
  const ov = overdracht(view, parties);
  begin(view, ov.from!);
  if (!canDo(ov.status, 'accept')) {
    if (!receiverHolds(ov.status)) conflict(`accepted an overdracht that is ${ov.status}`);
    return;
  }
  ov.status = 'geaccepteerd';
  // Only the one holding the baton can pass it; otherwise the acceptance is shown, not followed.
  if (sameOrganisation(view.holder, ov.from)) view.holder = ov.to;
  else conflict('accepted from a sender that no longer held the baton');
}

/**
 * "Held although out of scope" for one young person on `onDate` (calendar date): a holder after an end, or the RMC still
 * holding the baton on or after the 23rd birthday with no offer of its own waiting for an answer (an offer made before 23
 * keeps the baton with the RMC until the answer, design). Zero by design; ops query it to prove that. Source: issue 16.
 */
export function heldOutOfScope(view: BatonView, onDate: string): boolean {
  if (view.holder && !view.inScope) return true;
  if (view.holder?.organisationType !== 'rmc' || view.turns23On === undefined || onDate < view.turns23On) return false;
  const waiting = Object.values(view.overdrachten).some((ov) => ov.status === 'aangeboden' && sameOrganisation(ov.from, view.holder));
  return !waiting;
}

/** "In scope without a holder": must never be true. Source: ARCHITECTURE.md (the one invariant). */
export const inScopeWithoutHolder = (view: BatonView): boolean => view.inScope && !view.holder;
