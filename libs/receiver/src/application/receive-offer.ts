import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CloudEvent, OverdrachtExpiredData, OverdrachtOfferedData, OverdrachtWithdrawnData } from '@estafette/contracts';
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
  async offered(event: CloudEvent, manager: EntityManager): Promise<void> {
    const data = event.data as OverdrachtOfferedData;
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
        municipality: data.municipalityOfResidence,
        firstContactProposedOn: data.firstContactProposedOn ?? null,
        senderDataref: event.dataref ?? null,
        status: 'aangeboden',
      })
      .orIgnore()
      .execute();
  }

  /** The sender withdrew or the deadline passed: the referral can no longer be accepted. */
  async closedBySender(event: CloudEvent, manager: EntityManager, action: 'withdraw' | 'expire'): Promise<void> {
    const data = event.data as OverdrachtWithdrawnData | OverdrachtExpiredData;
    if (data.to.organisationType !== this.settings.organisationType) return;
    const referral = await manager.findOne(VerwijzingRecord, { where: { overdrachtId: data.overdrachtId, organisationId: data.to.id }, lock: { mode: 'pessimistic_write' } });
    // Already answered (an acceptance crossed the expiry): the sender sees both and the baton reducer decides.
    if (!referral || !canDo(referral.status, action)) return;
    await manager.update(VerwijzingRecord, { overdrachtId: referral.overdrachtId }, { status: nextStatus(referral.status, action) });
  }
}
