import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UitgaandeOverdrachtRecord, type VerwijzingRecord } from '@estafette/receiver';
import { ServiceCalendar } from '@estafette/service-kit';
import type { RegionRouter } from '../domain/region-routing.js';
import { TaakHerkomstRecord } from '../persistence/taak-herkomst.entity.js';
import { REGION_ROUTER } from '../rmc-settings.js';
import { openReturningTaak } from './open-taak.js';

/**
 * The RMC accepted a handover (W&I back to the RMC, or another region's task after a move): from now on it holds
 * the baton, so a task opens in the region with the history (the young person's previous task, and the overdracht
 * that brought them). The receiver's answer and this task commit in one transaction.
 */
@Injectable()
export class TakeOverVerwijzing {
  constructor(
    @Inject(REGION_ROUTER) private readonly regions: RegionRouter,
    private readonly calendar: ServiceCalendar,
  ) {}

  async accepted(referral: VerwijzingRecord, manager: EntityManager): Promise<void> {
    if (await manager.existsBy(TaakHerkomstRecord, { overdrachtId: referral.overdrachtId })) return;
    const region = referral.organisationId.replace(/^rmc:/, '');
    // From another region of this service (a move): its task is the previous one, and its school dossier reference moves along.
    const fromRegion =
      referral.fromType === 'rmc' ? await manager.findOneBy(UitgaandeOverdrachtRecord, { id: referral.overdrachtId }) : null;
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
        turns23On: referral.turns23On,
        ...(fromRegion ? { previousTaakId: fromRegion.localRef } : {}),
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
