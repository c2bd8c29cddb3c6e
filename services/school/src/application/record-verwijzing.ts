import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  overdrachtExpired,
  overdrachtOffered,
  overdrachtRejected,
  overdrachtWithdrawn,
  type CloudEvent,
  type OverdrachtOfferedData,
} from '@estafette/contracts';
import { ObservesEvents } from '@estafette/service-kit';
import { VerwijzingGezienRecord } from '../persistence/verwijzing-gezien.entity.js';

/** Kinds of receiver that read a school dossier only for a referral addressed to them. */
const RECEIVERS = ['werk-inkomen', 'zorg'];

/**
 * Keeps the referrals to W&I and zorg the school may share a dossier for: opened by an offer, closed when it ends unaccepted.
 * Observed, not handled: the school's own inbox (back to school, the shared ReceiveOffer) handles offers in the same transaction.
 */
@Injectable()
export class RecordVerwijzing {
  @ObservesEvents(overdrachtOffered)
  async offered(event: CloudEvent, manager: EntityManager): Promise<void> {
    const data = event.data as OverdrachtOfferedData;
    if (!RECEIVERS.includes(data.to.organisationType)) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(VerwijzingGezienRecord)
      .values({
        overdrachtId: data.overdrachtId,
        pseudonymousReference: event.subject,
        toType: data.to.organisationType,
        toId: data.to.id,
        uitschrijvingId: data.uitschrijvingId ?? null,
        open: true,
      })
      .orIgnore()
      .execute();
  }

  /**
   * Withdrawn, expired or rejected: the receiver never took the young person on, so it has no need to know.
   * Observed, not handled: the school's own offers (sender parts) handle these types too, in the same transaction.
   */
  @ObservesEvents(overdrachtWithdrawn, overdrachtExpired, overdrachtRejected)
  async closed(event: CloudEvent, manager: EntityManager): Promise<void> {
    const data = event.data;
    // Every observed type names its overdracht (contracts); anything else changes nothing.
    if (!data || typeof data !== 'object' || !('overdrachtId' in data) || typeof data.overdrachtId !== 'string') return;
    await manager.update(
      VerwijzingGezienRecord,
      { overdrachtId: data.overdrachtId, pseudonymousReference: event.subject },
      { open: false },
    );
  }
}
