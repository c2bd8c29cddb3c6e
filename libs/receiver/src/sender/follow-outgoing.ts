import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CloudEvent, OverdrachtAcceptedData, OverdrachtRejectedData, PlaatsingPlacedData } from '@estafette/contracts';
import { canDo, nextStatus, type OverdrachtAction } from '@estafette/overdracht';
import { UitgaandeOverdrachtRecord } from './uitgaande-overdracht.entity.js';

/** Parties of any overdracht reply: enough to know whether it answers one of our offers. */
type Reply = { overdrachtId: string; firstContactPlannedOn?: string; reason?: string };

/**
 * Follows the replies to this service's own offers. Replies to offers of others are not ours (the
 * overdracht id is not in our table). An acceptance made before the deadline wins over an expiry that
 * crossed it: the offer becomes geaccepteerd (see "Late acceptance" in the README).
 */
@Injectable()
export class FollowOutgoing {
  accepted(event: CloudEvent, manager: EntityManager): Promise<void> {
    const data = event.data as OverdrachtAcceptedData;
    return this.answer(manager, event, data, 'accept', { firstContactPlannedOn: data.firstContactPlannedOn ?? null });
  }

  rejected(event: CloudEvent, manager: EntityManager): Promise<void> {
    const data = event.data as OverdrachtRejectedData;
    return this.answer(manager, event, data, 'reject', { answerReason: data.reason });
  }

  firstContact(event: CloudEvent, manager: EntityManager, held: boolean): Promise<void> {
    return this.answer(manager, event, event.data as Reply, held ? 'hold-first-contact' : 'miss-first-contact', held ? {} : { escalatedAt: new Date() });
  }

  async placed(event: CloudEvent, manager: EntityManager): Promise<void> {
    const data = event.data as PlaatsingPlacedData;
    if (data.overdrachtId) await this.answer(manager, event, { overdrachtId: data.overdrachtId }, 'place', {});
  }

  private async answer(manager: EntityManager, event: CloudEvent, data: Reply, action: OverdrachtAction, extra: Partial<UitgaandeOverdrachtRecord>): Promise<void> {
    const offer = await manager.findOne(UitgaandeOverdrachtRecord, { where: { id: data.overdrachtId }, lock: { mode: 'pessimistic_write' } });
    if (!offer) return;
    const status = replyStatus(offer, action, new Date(event.time));
    if (status) await manager.update(UitgaandeOverdrachtRecord, { id: offer.id }, { status, ...extra });
  }
}

/**
 * The sender's copy after a reply, or undefined when the reply changes nothing here (a duplicate, or an
 * acceptance at or after the deadline). Replies that overtook the acceptance on the bus prove it.
 */
export function replyStatus(offer: { status: UitgaandeOverdrachtRecord['status']; dueAt: Date }, action: OverdrachtAction, eventTime: Date) {
  if (action === 'accept' && offer.status === 'verlopen' && eventTime < offer.dueAt) return 'geaccepteerd' as const;
  const proven = (action === 'hold-first-contact' || action === 'miss-first-contact' || action === 'place') && offer.status === 'aangeboden';
  if (proven) return nextStatus('geaccepteerd', action);
  return canDo(offer.status, action) ? nextStatus(offer.status, action) : undefined;
}
