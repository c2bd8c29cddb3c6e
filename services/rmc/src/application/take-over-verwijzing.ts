import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { VerwijzingRecord } from '@estafette/receiver';
import { ServiceCalendar } from '@estafette/service-kit';
import { buildRouter, type RegionRouter } from '../domain/region-routing.js';
import { TaakHerkomstRecord } from '../persistence/taak-herkomst.entity.js';
import { RMC_SETTINGS, type RmcSettings } from '../rmc-settings.js';
import { openReturningTaak } from './open-taak.js';

/**
 * The RMC accepted a handover back (from W&I, say): from now on it holds the baton, so a task opens in
 * the region with the history (the young person's previous task here, and the overdracht that brought
 * them back). The receiver's answer and this task commit in one transaction.
 */
@Injectable()
export class TakeOverVerwijzing {
  private readonly regions: RegionRouter;

  constructor(
    @Inject(RMC_SETTINGS) settings: RmcSettings,
    private readonly calendar: ServiceCalendar,
  ) {
    this.regions = buildRouter(settings.regionMap);
  }

  async accepted(referral: VerwijzingRecord, manager: EntityManager): Promise<void> {
    if (await manager.existsBy(TaakHerkomstRecord, { overdrachtId: referral.overdrachtId })) return;
    const region = referral.organisationId.replace(/^rmc:/, '');
    await openReturningTaak(
      manager,
      {
        pseudonymousReference: referral.pseudonymousReference,
        region,
        settings: this.regions.settingsOf(region),
        originId: referral.overdrachtId,
        municipality: referral.municipality,
        age: referral.ageAtOffer,
        ageOn: this.calendar.today(),
        herkomst: {
          uitvalId: null,
          plaatsingId: null,
          placementType: null,
          dropoutReason: null,
          reportedBy: referral.fromId,
          overdrachtId: referral.overdrachtId,
          handoverReason: referral.handoverReason,
        },
      },
      this.calendar,
    );
  }
}
