import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ageAt, ageFactsOf, changeVerwijzing } from '@estafette/receiver';
import { decideZoekperiode, type ZoekperiodeWaiverReason } from '../domain/zoekperiode.js';
import { ZoekperiodeRecord } from '../persistence/zoekperiode.entity.js';

/** A benefit application starts the zoekperiode, or records why it is waived. Local only: no event. */
@Injectable()
export class StartZoekperiode {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * 404 for another organisation's verwijzing; 422 outside 18-27 on `appliedOn` (the age then: exact from the offer's
   * turns23On, else estimated from the age on the offer, see ageAt). Returns the verwijzing with its zoekperiode.
   */
  start(organisationId: string, overdrachtId: string, appliedOn: string, waiver?: ZoekperiodeWaiverReason) {
    return changeVerwijzing(this.dataSource, organisationId, overdrachtId, async (referral, manager) => {
      const age = ageAt(ageFactsOf(referral), appliedOn);
      const decision = decideZoekperiode(age, appliedOn, waiver);
      if (!decision.applies) throw new UnprocessableEntityException(`no zoekperiode at age ${age}: it applies from 18 to 27`);
      const zoekperiode = decision.waived ? { endDate: null, waiver: decision.reason } : { endDate: decision.endDate, waiver: null };
      await manager.upsert(ZoekperiodeRecord, { overdrachtId, organisationId, ...zoekperiode }, ['overdrachtId']);
      return { ...referral, zoekperiodeEndDate: zoekperiode.endDate, zoekperiodeWaiver: zoekperiode.waiver };
    });
  }
}
