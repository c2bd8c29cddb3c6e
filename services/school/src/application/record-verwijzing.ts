import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CloudEvent, OverdrachtOfferedData } from '@estafette/contracts';
import { VerwijzingGezienRecord } from '../persistence/verwijzing-gezien.entity.js';

/** Kinds of receiver that read a school dossier only for a referral addressed to them. */
const RECEIVERS = ['werk-inkomen', 'zorg'];

/** Keeps the referrals to W&I and zorg the school may share a dossier for: opened by an offer, closed when it ends unaccepted. */
@Injectable()
export class RecordVerwijzing {
  async offered(event: CloudEvent, manager: EntityManager): Promise<void> {
    const data = event.data as OverdrachtOfferedData;
    if (!RECEIVERS.includes(data.to.organisationType)) return;
    await manager.createQueryBuilder().insert().into(VerwijzingGezienRecord)
      .values({ overdrachtId: data.overdrachtId, pseudonymousReference: event.subject, toType: data.to.organisationType, toId: data.to.id, open: true })
      .orIgnore().execute();
  }

  /** Withdrawn, expired or rejected: the receiver never took the young person on, so it has no need to know. */
  async closed(event: CloudEvent, manager: EntityManager): Promise<void> {
    const { overdrachtId } = event.data as { overdrachtId: string };
    await manager.update(VerwijzingGezienRecord, { overdrachtId, pseudonymousReference: event.subject }, { open: false });
  }
}
