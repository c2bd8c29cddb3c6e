import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  overdrachtAccepted,
  overdrachtFirstContactHeld,
  overdrachtFirstContactMissed,
  overdrachtRejected,
  plaatsingFollowUpChecked,
  plaatsingPlaced,
  type CloudEvent,
  type OverdrachtAcceptedData,
  type OverdrachtFirstContactHeldData,
  type OverdrachtFirstContactMissedData,
  type OverdrachtRejectedData,
  type PlaatsingFollowUpCheckedData,
  type PlaatsingPlacedData,
} from '@estafette/contracts';
import { HandlesEvent, ServiceCalendar } from '@estafette/service-kit';
import { senderStatusAfterReply, type OverdrachtAction, type OverdrachtStatus } from '@estafette/overdracht';
import { UitgaandeOverdrachtRecord } from '../persistence/uitgaande-overdracht.entity.js';
import { takeYoungPersonsTurn } from '@estafette/messaging';

/** What a sending service does on top of a reply to its offer (the RMC moves its task); same transaction. */
export const SENDER_ON_REPLY = Symbol('SENDER_ON_REPLY');
/** `status` is the offer's new status, or undefined when the reply changed nothing (a duplicate, a late acceptance). */
export type OnReply = (
  reply: { offer: UitgaandeOverdrachtRecord; action: OverdrachtAction; status: OverdrachtStatus | undefined },
  manager: EntityManager,
) => Promise<void>;

/**
 * Follows the replies to this service's own offers. Replies to offers of others are not ours (the
 * overdracht id is not in our table). An acceptance made before the deadline wins over an expiry that
 * crossed it: the offer becomes geaccepteerd (see "Late acceptance" in the README).
 */
@Injectable()
export class FollowUitgaandeOverdracht {
  constructor(
    private readonly calendar: ServiceCalendar,
    @Optional() @Inject(SENDER_ON_REPLY) private readonly onReply?: OnReply,
  ) {}

  @HandlesEvent(overdrachtAccepted)
  accepted(event: CloudEvent<OverdrachtAcceptedData>, manager: EntityManager): Promise<void> {
    const extra = {
      firstContactPlannedOn: event.data.firstContactPlannedOn ?? null,
      enrolmentPlannedOn: event.data.enrolmentPlannedOn ?? null,
    };
    return this.answer(manager, event, event.data.overdrachtId, 'accept', extra);
  }

  @HandlesEvent(overdrachtRejected)
  rejected(event: CloudEvent<OverdrachtRejectedData>, manager: EntityManager): Promise<void> {
    return this.answer(manager, event, event.data.overdrachtId, 'reject', { answerReason: event.data.reason });
  }

  @HandlesEvent(overdrachtFirstContactHeld)
  firstContactHeld(event: CloudEvent<OverdrachtFirstContactHeldData>, manager: EntityManager): Promise<void> {
    return this.answer(manager, event, event.data.overdrachtId, 'hold-first-contact', {});
  }

  /** Missed escalates: the sender sees it on its escalation list and can call the receiver. */
  @HandlesEvent(overdrachtFirstContactMissed)
  firstContactMissed(event: CloudEvent<OverdrachtFirstContactMissedData>, manager: EntityManager): Promise<void> {
    return this.answer(manager, event, event.data.overdrachtId, 'miss-first-contact', { escalatedAt: this.calendar.now() });
  }

  /** A plaatsing closes the handover but the sender keeps its follow-up schedule. */
  @HandlesEvent(plaatsingPlaced)
  async placed(event: CloudEvent<PlaatsingPlacedData>, manager: EntityManager): Promise<void> {
    const { overdrachtId, plaatsingId, placementType } = event.data;
    if (!overdrachtId) return;
    const followUpChecks = event.data.followUpChecks.map((c) => ({ ...c }));
    await this.answer(manager, event, overdrachtId, 'place', { plaatsingId, placementType, followUpChecks }, true);
  }

  @HandlesEvent(plaatsingFollowUpChecked)
  async followUpChecked(event: CloudEvent<PlaatsingFollowUpCheckedData>, manager: EntityManager): Promise<void> {
    const { plaatsingId, checkType, outcome } = event.data;
    await takeYoungPersonsTurn(manager, event.subject);
    const offer = await manager.findOne(UitgaandeOverdrachtRecord, { where: { plaatsingId }, lock: { mode: 'pessimistic_write' } });
    if (!offer?.followUpChecks) return;
    const followUpChecks = offer.followUpChecks.map((c) => (c.checkType === checkType ? { ...c, outcome } : c));
    await manager.update(UitgaandeOverdrachtRecord, { id: offer.id }, { followUpChecks });
  }

  /** `keepExtra`: the facts are recorded even when the status does not move (a second plaatsing event). */
  private async answer(
    manager: EntityManager,
    event: CloudEvent,
    overdrachtId: string,
    action: OverdrachtAction,
    extra: Partial<UitgaandeOverdrachtRecord>,
    keepExtra = false,
  ): Promise<void> {
    // The sender's own side (its task, an enrolment closing it) changes the same young person's rows: their turn first.
    await takeYoungPersonsTurn(manager, event.subject);
    const offer = await manager.findOne(UitgaandeOverdrachtRecord, { where: { id: overdrachtId }, lock: { mode: 'pessimistic_write' } });
    if (!offer) return;
    const status = senderStatusAfterReply(offer, action, new Date(event.time));
    if (status) await manager.update(UitgaandeOverdrachtRecord, { id: offer.id }, { status, ...extra });
    else if (keepExtra) await manager.update(UitgaandeOverdrachtRecord, { id: offer.id }, extra);
    await this.onReply?.({ offer: { ...offer, ...extra, ...(status ? { status } : {}) }, action, status }, manager);
  }
}
