import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { uitvalNaPlaatsingRegistered, type CloudEvent, type UitvalNaPlaatsingRegisteredData } from '@estafette/contracts';
import { HandlesEvent } from '@estafette/service-kit';
import { PlaatsingRecord } from '../persistence/plaatsing.entity.js';
import { VerwijzingHerkomstRecord } from '../persistence/verwijzing-herkomst.entity.js';
import { VerwijzingRecord } from '../persistence/verwijzing.entity.js';
import { RECEIVER_SETTINGS, type ReceiverSettings } from '../receiver-settings.js';
import { takeYoungPersonsTurn } from '@estafette/messaging';

/**
 * What a service does instead when an uitval returns a young person to it (the RMC opens a task with the history).
 * Runs in the consumer's transaction; it must be idempotent on `uitvalId`.
 */
export const RECEIVER_ON_UITVAL = Symbol('RECEIVER_ON_UITVAL');
export type OnUitval = (event: CloudEvent<UitvalNaPlaatsingRegisteredData>, manager: EntityManager) => Promise<void>;

/** What the worklist item is for, per kind of organisation that picks the young person up. */
const PURPOSE: Record<ReceiverSettings['organisationType'], string> = {
  'werk-inkomen': 'werk',
  zorg: 'zorg',
  school: 'onderwijs',
  rmc: 'terug-naar-rmc',
};

/**
 * Uitval na plaatsing: the organisation in `returnsTo` holds the baton from the uitval on (no offer, no acceptance:
 * the rule decides, see batonAfter), so the young person must appear in its worklist at once, with the history. One
 * handler for every receiving service; uitvallen returned to another kind of organisation pass by. By default the
 * young person is filed as a held verwijzing (status geaccepteerd, id = the uitval id) with its verwijzing_herkomst:
 * which plaatsing failed, who reported it, when and why, and the own verwijzing it came from when the plaatsing was
 * this organisation's. A service that works from another record provides RECEIVER_ON_UITVAL (the RMC: a task).
 */
@Injectable()
export class PickUpUitval {
  constructor(
    @Inject(RECEIVER_SETTINGS) private readonly settings: ReceiverSettings,
    @Optional() @Inject(RECEIVER_ON_UITVAL) private readonly onUitval?: OnUitval,
  ) {}

  @HandlesEvent(uitvalNaPlaatsingRegistered)
  async uitval(event: CloudEvent<UitvalNaPlaatsingRegisteredData>, manager: EntityManager): Promise<void> {
    if (event.data.returnsTo.organisationType !== this.settings.organisationType) return;
    // Read (already picked up?) then write: in the young person's turn, as every handler of theirs.
    await takeYoungPersonsTurn(manager, event.subject);
    if (this.onUitval) return this.onUitval(event, manager);
    await this.fileInWorklist(event, manager);
  }

  private async fileInWorklist(event: CloudEvent<UitvalNaPlaatsingRegisteredData>, manager: EntityManager): Promise<void> {
    const data = event.data;
    if (await manager.existsBy(VerwijzingHerkomstRecord, { uitvalId: data.uitvalId })) return;
    const organisationId = data.returnsTo.id;
    const own = await manager.findOneBy(PlaatsingRecord, { id: data.plaatsingId, organisationId });
    const at = new Date(event.time);
    await manager.insert(VerwijzingRecord, {
      overdrachtId: data.uitvalId,
      organisationId,
      pseudonymousReference: event.subject,
      fromType: data.reportedBy.organisationType,
      fromId: data.reportedBy.id,
      purpose: PURPOSE[this.settings.organisationType],
      handoverReason: 'uitval-na-plaatsing',
      // Nothing to answer: the baton is already here. The deadline column records when it came.
      responseDueAt: at,
      ageAtOffer: data.ageAtDropout,
      // From the uitval; from an older reporter without it, known only when the plaatsing was ours (the verwijzing it placed from).
      turns23On: data.turns23On ?? (own ? await this.turns23OnOf(manager, own) : null),
      municipality: data.municipalityOfResidence,
      firstContactProposedOn: null,
      senderDataref: null,
      status: 'geaccepteerd',
    });
    await manager.insert(VerwijzingHerkomstRecord, {
      overdrachtId: data.uitvalId,
      uitvalId: data.uitvalId,
      plaatsingId: data.plaatsingId,
      placementType: data.placementType,
      dropoutDate: data.dropoutDate,
      dropoutReason: data.reason,
      reportedByType: data.reportedBy.organisationType,
      reportedById: data.reportedBy.id,
      previousOverdrachtId: own?.overdrachtId ?? null,
    });
  }

  private async turns23OnOf(manager: EntityManager, own: PlaatsingRecord): Promise<string | null> {
    const previous = await manager.findOneBy(VerwijzingRecord, { overdrachtId: own.overdrachtId, organisationId: own.organisationId });
    return previous?.turns23On ?? null;
  }
}
