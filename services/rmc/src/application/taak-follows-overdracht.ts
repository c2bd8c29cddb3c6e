import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceCalendar } from '@estafette/service-kit';
import { receiverHolds } from '@estafette/overdracht';
import { UitgaandeOverdrachtRecord, type OnReply, type OnUitval } from '@estafette/receiver';
import type { RegionRouter } from '../domain/region-routing.js';
import { transition, type TaakStatus } from '../domain/taak-lifecycle.js';
import { TaakHerkomstRecord } from '../persistence/taak-herkomst.entity.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { REGION_ROUTER } from '../rmc-settings.js';
import { openReturningTaak } from './open-taak.js';

/**
 * The RMC's task follows the handovers offered from it (the offer itself is followed by the shared sending
 * side): responsibility moved, so the task is overgedragen; a plaatsing closes it. Uitval na plaatsing
 * returned to the RMC opens a new task, linked to the one that led to the placement (through the shared pick-up).
 */
@Injectable()
export class TaakFollowsOverdracht {
  constructor(
    @Inject(REGION_ROUTER) private readonly regions: RegionRouter,
    private readonly calendar: ServiceCalendar,
  ) {}

  /** The shared sender's reply hook (SENDER_ON_REPLY): runs in the transaction that applied the reply. */
  readonly onReply: OnReply = async ({ offer, action, status }, manager) => {
    if (action === 'place') {
      const taak = await manager.findOneBy(TaakRecord, { id: offer.localRef });
      if (taak && taak.status !== 'gesloten') {
        await this.moveTaak(manager, offer.localRef, 'overgedragen');
        await manager.update(TaakRecord, { id: offer.localRef }, { status: 'gesloten', closeReason: 'geplaatst' });
      }
      return;
    }
    // An acceptance, or a first contact that proves one.
    if (status && receiverHolds(status)) await this.moveTaak(manager, offer.localRef, 'overgedragen');
  };

  /**
   * The shared uitval pick-up's hook (RECEIVER_ON_UITVAL, for uitvallen returned to an RMC region): the young person
   * comes back, a new task in the region, linked to the one that led to the placement.
   */
  readonly onUitval: OnUitval = async (event, manager) => {
    const data = event.data;
    if (await manager.existsBy(TaakHerkomstRecord, { uitvalId: data.uitvalId })) return;
    const region = data.returnsTo.id.replace(/^rmc:/, '');
    const settings = this.regions.settingsOf(region);
    const previous = await manager.findOneBy(UitgaandeOverdrachtRecord, { plaatsingId: data.plaatsingId });
    await openReturningTaak(
      manager,
      {
        pseudonymousReference: event.subject,
        region,
        settings,
        originId: data.uitvalId,
        municipality: data.municipalityOfResidence,
        age: data.ageAtDropout,
        ageOn: data.dropoutDate,
        turns23On: data.turns23On ?? null,
        previousTaakId: previous?.localRef ?? null,
        herkomst: {
          uitvalId: data.uitvalId,
          plaatsingId: data.plaatsingId,
          placementType: data.placementType,
          dropoutReason: data.reason,
          reportedBy: data.reportedBy.id,
          overdrachtId: null,
          handoverReason: null,
        },
      },
      this.calendar,
    );
  };

  private async moveTaak(manager: EntityManager, taakId: string, to: TaakStatus): Promise<void> {
    const taak = await manager.findOne(TaakRecord, { where: { id: taakId }, lock: { mode: 'pessimistic_write' } });
    if (!taak || taak.status === to) return;
    try {
      await manager.update(TaakRecord, { id: taakId }, { status: transition(taak.status, to) });
    } catch {
      // A task closed meanwhile (new enrolment) stays closed; the baton projection still follows the handover.
    }
  }
}
