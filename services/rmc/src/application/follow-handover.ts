import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CloudEvent, OverdrachtAcceptedData, OverdrachtFirstContactHeldData, OverdrachtFirstContactMissedData, OverdrachtRejectedData,
  PlaatsingFollowUpCheckedData, PlaatsingPlacedData, UitvalNaPlaatsingRegisteredData,
} from '@estafette/contracts';
import { canDo, nextStatus, receiverHolds, type OverdrachtAction } from '@estafette/overdracht';
import { buildRouter, type RoutedRegion } from '../domain/region-routing.js';
import { transition, type TaakStatus } from '../domain/taak-lifecycle.js';
import { OverdrachtRecord } from '../persistence/overdracht.entity.js';
import { openReturningTaak } from './open-taak.js';
import { TaakHerkomstRecord } from '../persistence/taak-herkomst.entity.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { RMC_SETTINGS, type RmcSettings } from '../rmc-settings.js';


/**
 * The RMC follows every handover it started: replies move its own copy of the overdracht and its task;
 * a plaatsing closes the trajectory but keeps the follow-up; uitval na plaatsing opens a new task.
 * Events about handovers the RMC did not start only feed the baton projection.
 */
@Injectable()
export class FollowHandover {
  private readonly route: (municipality: string) => RoutedRegion | undefined;

  constructor(@Inject(RMC_SETTINGS) private readonly settings: RmcSettings) {
    this.route = buildRouter(settings.regionMap);
  }

  async accepted(event: CloudEvent, manager: EntityManager): Promise<void> {
    const data = event.data as OverdrachtAcceptedData;
    await this.answer(manager, data.overdrachtId, 'accept', { firstContactPlannedOn: data.firstContactPlannedOn ?? null }, new Date(event.time));
  }

  async rejected(event: CloudEvent, manager: EntityManager): Promise<void> {
    const data = event.data as OverdrachtRejectedData;
    await this.answer(manager, data.overdrachtId, 'reject', { answerReason: data.reason });
  }

  async firstContact(event: CloudEvent, manager: EntityManager, held: boolean): Promise<void> {
    const data = event.data as OverdrachtFirstContactHeldData | OverdrachtFirstContactMissedData;
    // Missed escalates: the coordinator sees it on the escalation list and can call the receiver.
    await this.answer(manager, data.overdrachtId, held ? 'hold-first-contact' : 'miss-first-contact', held ? {} : { escalatedAt: new Date() });
  }

  async placed(event: CloudEvent, manager: EntityManager): Promise<void> {
    const data = event.data as PlaatsingPlacedData;
    if (!data.overdrachtId) return;
    const offer = await manager.findOne(OverdrachtRecord, { where: { id: data.overdrachtId }, lock: { mode: 'pessimistic_write' } });
    if (!offer) return;
    const followUpChecks = data.followUpChecks.map((c) => ({ ...c }));
    // A plaatsing can overtake the acceptance on the bus; it proves the acceptance all the same.
    const status = offer.status === 'aangeboden' || canDo(offer.status, 'place') ? 'geplaatst' : offer.status;
    await manager.update(OverdrachtRecord, { id: offer.id }, { status, plaatsingId: data.plaatsingId, placementType: data.placementType, followUpChecks });
    const taak = await manager.findOneBy(TaakRecord, { id: offer.taakId });
    if (taak?.status !== 'gesloten') {
      await this.moveTaak(manager, offer.taakId, 'overgedragen');
      await manager.update(TaakRecord, { id: offer.taakId }, { status: 'gesloten', closeReason: 'geplaatst' });
    }
  }

  async followUpChecked(event: CloudEvent, manager: EntityManager): Promise<void> {
    const data = event.data as PlaatsingFollowUpCheckedData;
    const offer = await manager.findOne(OverdrachtRecord, { where: { plaatsingId: data.plaatsingId }, lock: { mode: 'pessimistic_write' } });
    if (!offer?.followUpChecks) return;
    const checks = offer.followUpChecks.map((c) => (c.checkType === data.checkType ? { ...c, outcome: data.outcome } : c));
    await manager.update(OverdrachtRecord, { id: offer.id }, { followUpChecks: checks });
  }

  /** The young person comes back: a new task in the region, linked to the one that led to the placement. */
  async uitval(event: CloudEvent, manager: EntityManager): Promise<void> {
    const data = event.data as UitvalNaPlaatsingRegisteredData;
    if (data.returnsTo.organisationType !== 'rmc') return; // 23 or older: Werk & Inkomen picks up
    if (await manager.existsBy(TaakHerkomstRecord, { uitvalId: data.uitvalId })) return;
    const region = data.returnsTo.id.replace(/^rmc:/, '');
    const routed = this.route(data.municipalityOfResidence);
    const settings = routed?.code === region ? routed.settings : this.settings.regionMap.defaults;
    const previous = await manager.findOneBy(OverdrachtRecord, { plaatsingId: data.plaatsingId });
    await openReturningTaak(manager, {
      pseudonymousReference: event.subject, region, settings, originId: data.uitvalId, municipality: data.municipalityOfResidence,
      age: data.ageAtDropout, ageOn: data.dropoutDate, previousTaakId: previous?.taakId ?? null,
      herkomst: { uitvalId: data.uitvalId, plaatsingId: data.plaatsingId, placementType: data.placementType, dropoutReason: data.reason, reportedBy: data.reportedBy.id, overdrachtId: null, handoverReason: null },
    });
  }

  /** Applies a reply to the RMC's own copy of the offer; replies to other senders' offers are not ours. */
  private async answer(manager: EntityManager, overdrachtId: string, action: OverdrachtAction, extra: Partial<OverdrachtRecord>, at?: Date): Promise<OverdrachtRecord | undefined> {
    const offer = await manager.findOne(OverdrachtRecord, { where: { id: overdrachtId }, lock: { mode: 'pessimistic_write' } });
    if (!offer) return undefined;
    // An acceptance made before the deadline that crossed the expiry on the bus wins (the deadline decides, as in
    // the baton); one made at or after it leaves the state, and the baton view shows the conflict.
    const crossedExpiry = action === 'accept' && offer.status === 'verlopen' && !!at && at < offer.responseDueAt;
    const fromAccepted = (action === 'hold-first-contact' || action === 'miss-first-contact') && offer.status === 'aangeboden';
    const status = crossedExpiry ? 'geaccepteerd' : fromAccepted ? nextStatus('geaccepteerd', action) : canDo(offer.status, action) ? nextStatus(offer.status, action) : undefined;
    if (!status) return undefined;
    await manager.update(OverdrachtRecord, { id: offer.id }, { status, ...extra });
    // Responsibility moved (an acceptance, or a first contact that proves one): the task is overgedragen.
    if (receiverHolds(status)) await this.moveTaak(manager, offer.taakId, 'overgedragen');
    return { ...offer, status, ...extra };
  }

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
