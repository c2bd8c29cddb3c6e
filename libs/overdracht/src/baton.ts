import {
  overdrachtAccepted,
  overdrachtExpired,
  overdrachtFirstContactHeld,
  overdrachtFirstContactMissed,
  overdrachtOffered,
  overdrachtRejected,
  overdrachtWithdrawn,
  plaatsingFollowUpChecked,
  plaatsingPlaced,
  uitschrijvingRegistered,
  uitvalNaPlaatsingRegistered,
  vsvMeldingRegistered,
} from '@estafette/contracts';
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

export interface BatonView {
  /** Who holds the baton (regie); undefined only when no event was seen at all. */
  holder?: Organisation;
  overdrachten: Record<string, OverdrachtView>;
  /** Events that could not change anything, with why: shown to the coordinator, never dropped silently. */
  conflicts: { eventId: string; why: string }[];
}

/** The event types that decide the baton; a service consumes exactly these to keep the projection. */
export const BATON_EVENT_TYPES = [
  vsvMeldingRegistered,
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
  const view: BatonView = { overdrachten: {}, conflicts: [] };
  for (const event of canonicalOrder(events)) apply(view, event);
  return view;
}

export const holderAfter = (events: readonly BatonEvent[]): Organisation | undefined => batonAfter(events).holder;

type Parties = { overdrachtId: string; from: Organisation; to: Organisation };

function apply(view: BatonView, event: BatonEvent): void {
  const conflict = (why: string) => view.conflicts.push({ eventId: event.id, why });
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case uitschrijvingRegistered.type:
      if (schoolKeepsInNazorg(data as Parameters<typeof schoolKeepsInNazorg>[0])) view.holder ??= data.school as Organisation;
      return;
    case vsvMeldingRegistered.type:
      view.holder ??= { organisationType: 'rmc', id: `rmc:${data.rmcRegion as string}` };
      return;
    case overdrachtOffered.type: {
      const ov = overdracht(view, data as Parties);
      ov.responseDueAt ??= data.responseDueAt as string | undefined;
      view.holder ??= ov.from;
      return;
    }
    case overdrachtAccepted.type: {
      const ov = overdracht(view, data as Parties);
      // The deadline decides, not the arrival order: an acceptance made in time wins over an expiry that
      // crossed it on the bus; one made at or after the deadline never moves the baton.
      const inTime = ov.responseDueAt ? Date.parse(event.time) < Date.parse(ov.responseDueAt) : undefined;
      if (ov.status === 'aangeboden' && inTime === false) {
        view.holder ??= ov.from;
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
      view.holder ??= ov.from;
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
      view.holder ??= ov.from;
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
      view.holder ??= placedBy;
      if (ov && canDo(ov.status, 'place')) ov.status = 'geplaatst';
      if (!sameOrganisation(view.holder, placedBy)) conflict('placed by an organisation that does not hold the baton');
      return;
    }
    case uitvalNaPlaatsingRegistered.type:
      // A failed placement must be picked up: whoever it returns to holds the baton from now on.
      view.holder = data.returnsTo as Organisation;
      return;
    default:
      return;
  }
}

function overdracht(view: BatonView, { overdrachtId, from, to }: Parties): OverdrachtView {
  const ov = (view.overdrachten[overdrachtId] ??= { status: 'aangeboden' });
  ov.from ??= from;
  ov.to ??= to;
  return ov;
}

function accept(view: BatonView, parties: Parties, conflict: (why: string) => void): void {
  const ov = overdracht(view, parties);
  view.holder ??= ov.from;
  if (!canDo(ov.status, 'accept')) {
    if (!receiverHolds(ov.status)) conflict(`accepted an overdracht that is ${ov.status}`);
    return;
  }
  ov.status = 'geaccepteerd';
  // Only the one holding the baton can pass it; otherwise the acceptance is shown, not followed.
  if (sameOrganisation(view.holder, ov.from)) view.holder = ov.to;
  else conflict('accepted from a sender that no longer held the baton');
}
