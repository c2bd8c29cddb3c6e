import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  overdrachtExpired,
  overdrachtOffered,
  overdrachtWithdrawn,
  type CloudEvent,
  type OverdrachtExpiredData,
  type OverdrachtOfferedData,
  type OverdrachtWithdrawnData,
} from '@estafette/contracts';
import { HandlesEvent } from '@estafette/service-kit';
import { OrganisationDirectory } from '@estafette/auth';
import { RefusedEventError } from '@estafette/messaging';
import { canDo, nextStatus } from '@estafette/overdracht';
import { VerwijzingRecord } from '../persistence/verwijzing.entity.js';
import { RECEIVER_SETTINGS, type ReceiverSettings } from '../receiver-settings.js';

/** Keeps the referral inbox in step with what senders publish: new offers, withdrawals, expiries. */
@Injectable()
export class ReceiveOffer {
  constructor(
    @Inject(RECEIVER_SETTINGS) private readonly settings: ReceiverSettings,
    private readonly directory: OrganisationDirectory,
  ) {}

  /** Offers to other kinds of organisation pass by: this service only files its own. */
  @HandlesEvent(overdrachtOffered)
  async offered(event: CloudEvent<OverdrachtOfferedData>, manager: EntityManager): Promise<void> {
    const data = event.data;
    if (data.to.organisationType !== this.settings.organisationType) return;
    // The sender's contact person is fetched from the sender's configured origin only: a dataref elsewhere is refused.
    const offer = new RegExp(`^/overdrachten(-uit)?/${data.overdrachtId}$`);
    const check = event.dataref ? this.directory.checkDataref(data.from, event.dataref, offer) : undefined;
    if (check && !check.ok) throw new RefusedEventError(check.reason);
    await manager
      .createQueryBuilder()
      .insert()
      .into(VerwijzingRecord)
      .values({
        overdrachtId: data.overdrachtId,
        organisationId: data.to.id,
        pseudonymousReference: event.subject,
        fromType: data.from.organisationType,
        fromId: data.from.id,
        purpose: data.purpose,
        handoverReason: data.handoverReason,
        responseDueAt: new Date(data.responseDueAt),
        ageAtOffer: data.ageAtOffer,
        turns23On: data.turns23On ?? null,
        municipality: data.municipalityOfResidence,
        firstContactProposedOn: data.firstContactProposedOn ?? null,
        senderDataref: event.dataref ?? null,
        // What the offer brings along rests on this toestemming: its withdrawal purges it (withdrawal-purge.ts).
        toestemmingId: data.legalBasis === 'toestemming' ? (data.toestemmingId ?? null) : null,
        status: 'aangeboden',
      })
      .orIgnore()
      .execute();
  }

  @HandlesEvent(overdrachtWithdrawn)
  withdrawn(event: CloudEvent<OverdrachtWithdrawnData>, manager: EntityManager): Promise<void> {
    return this.closedBySender(event.data, manager, 'withdraw');
  }

  @HandlesEvent(overdrachtExpired)
  expired(event: CloudEvent<OverdrachtExpiredData>, manager: EntityManager): Promise<void> {
    return this.closedBySender(event.data, manager, 'expire');
  }

  /** The sender withdrew or the deadline passed: the referral can no longer be accepted. */
  private async closedBySender(
    data: OverdrachtWithdrawnData | OverdrachtExpiredData,
    manager: EntityManager,
    action: 'withdraw' | 'expire',
  ): Promise<void> {
    if (data.to.organisationType !== this.settings.organisationType) return;
    const referral = await manager.findOne(VerwijzingRecord, {
      where: { overdrachtId: data.overdrachtId, organisationId: data.to.id },
      lock: { mode: 'pessimistic_write' },
    });
    // Already answered (an acceptance crossed the expiry): the sender sees both and the baton reducer decides.
    if (!referral || !canDo(referral.status, action)) return;
    await manager.update(VerwijzingRecord, { overdrachtId: referral.overdrachtId }, { status: nextStatus(referral.status, action) });
  }
}
