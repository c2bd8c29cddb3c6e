import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { ageFromTurns23 } from '@estafette/overdracht';
import { DataSource, type EntityManager } from 'typeorm';
import type { OverdrachtOfferedData } from '@estafette/contracts';
import { DEFAULT_RESPONSE_WORKING_DAYS, type WithdrawReason } from '@estafette/overdracht';
import { OfferOverdracht, type OverdrachtOffer, type UitgaandeOverdrachtRecord } from '@estafette/receiver';
import { fieldError, ServiceCalendar } from '@estafette/service-kit';
import type { RegionRouter } from '../domain/region-routing.js';
import { isOpen } from '../domain/taak-lifecycle.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { REGION_ROUTER } from '../rmc-settings.js';
import { lockTaakInTurn } from './taak-in-turn.js';

/** What the consulent asks when handing over from a task (the RMC's receivers, purposes and legal bases). */
export interface TaakOfferInput {
  to: { organisationType: 'werk-inkomen' | 'zorg' | 'school'; id: string };
  purpose: OverdrachtOfferedData['purpose'];
  reason: OverdrachtOfferedData['handoverReason'];
  contactPerson: string;
  firstContactProposedOn?: string;
  legalBasis?: OverdrachtOfferedData['legalBasis'];
  toestemmingId?: string;
}

/** A move: the new municipality of residence and who in region A the receiving region can call. */
export interface VerhuizingInput {
  municipality: string;
  contactPerson: string;
  firstContactProposedOn?: string;
}

const wholeYearsSince = (iso: string) => Math.floor((Date.now() - Date.parse(iso)) / (365.25 * 86_400_000));

/**
 * The RMC offers a warm handover from one of its tasks, or withdraws it, through the shared sending side
 * (one offer table, one expiry timer); the RMC keeps the baton until acceptance. The offer's local record
 * is the task; its answer time comes from the region's settings.
 */
@Injectable()
export class HandOverTaak {
  constructor(
    @Inject(REGION_ROUTER) private readonly regions: RegionRouter,
    private readonly dataSource: DataSource,
    private readonly offers: OfferOverdracht,
    private readonly calendar: ServiceCalendar,
  ) {}

  /** 404 for a task outside the region; 409 before contact with the young person or while an offer is open. */
  offer(region: string, taakId: string, input: TaakOfferInput, by: string): Promise<UitgaandeOverdrachtRecord> {
    return this.dataSource.transaction(async (manager) => {
      const taak = await lockTaakInTurn(manager, { id: taakId, region });
      if (!taak) throw new NotFoundException(`no task ${taakId} in your region`);
      // Warm means the young person is involved: no handover before the RMC has been in contact.
      if (taak.status !== 'in-contact' && taak.status !== 'traject') {
        throw new ConflictException(`a task that is ${taak.status} cannot be handed over: record contact with the young person first`);
      }
      return this.offerFrom(manager, region, taak, {
        to: input.to,
        purpose: input.purpose,
        reason: input.reason,
        contactPerson: input.contactPerson,
        firstContactProposedOn: input.firstContactProposedOn,
        legalBasis: input.legalBasis,
        toestemmingId: input.toestemmingId,
        municipalityOfResidence: taak.municipality,
        offeredBy: by,
      });
    });
  }

  /**
   * The young person moved to a municipality of another RMC region (design, issue 16): the task moves warmly, as an
   * offer from this region to the region of the new municipality (the shared region map). The receiving region
   * accepts or rejects in its inbox; until then this region keeps the baton and the task. Any open task may move:
   * the move is not a judgement about the young person, so no contact is needed first.
   * 400 naming `municipality` when it lies in no region or in the caller's own; 404 for a task outside the region;
   * 409 for a task no longer open or with an offer open.
   */
  move(region: string, taakId: string, input: VerhuizingInput, by: string): Promise<UitgaandeOverdrachtRecord> {
    const target = this.regions.route(input.municipality, this.calendar.today());
    if (!target) throw fieldError('municipality', `${input.municipality} is in no RMC region of the region map`);
    if (target.code === region)
      throw fieldError('municipality', `${input.municipality} is in your own region ${region}: no move to another region`);
    return this.dataSource.transaction(async (manager) => {
      const taak = await lockTaakInTurn(manager, { id: taakId, region });
      if (!taak) throw new NotFoundException(`no task ${taakId} in your region`);
      if (!isOpen(taak.status)) throw new ConflictException(`a task that is ${taak.status} cannot move to another region`);
      return this.offerFrom(manager, region, taak, {
        to: { organisationType: 'rmc', id: `rmc:${target.code}` },
        purpose: 'terug-naar-rmc',
        reason: 'verhuizing',
        contactPerson: input.contactPerson,
        firstContactProposedOn: input.firstContactProposedOn,
        legalBasis: 'publieke-taak',
        // The receiving region routes and works by the new municipality.
        municipalityOfResidence: input.municipality,
        offeredBy: by,
      });
    });
  }

  /** One offer from a task through the shared sending side; the answer time is the sending region's. */
  private offerFrom(
    manager: EntityManager,
    region: string,
    taak: TaakRecord,
    fields: Pick<
      OverdrachtOffer,
      | 'to'
      | 'purpose'
      | 'reason'
      | 'contactPerson'
      | 'firstContactProposedOn'
      | 'legalBasis'
      | 'toestemmingId'
      | 'municipalityOfResidence'
      | 'offeredBy'
    >,
  ): Promise<UitgaandeOverdrachtRecord> {
    return this.offers.offer(manager, {
      ...fields,
      organisationId: `rmc:${region}`,
      localRef: taak.id,
      pseudonymousReference: taak.pseudonymousReference,
      // Exact from turns23On; tasks from before it was kept estimate from the age at registration.
      ageAtOffer: taak.turns23On
        ? ageFromTurns23(taak.turns23On, this.calendar.today())
        : taak.ageAtRegistration + wholeYearsSince(taak.registrationDate),
      ...(taak.turns23On ? { turns23On: taak.turns23On } : {}),
      vsvMeldingId: taak.id,
      uitschrijvingId: taak.uitschrijvingId,
      responseWorkingDays: this.regions.settingsOf(region).offerResponseWorkingDays ?? DEFAULT_RESPONSE_WORKING_DAYS,
    });
  }

  withdraw(region: string, taakId: string, overdrachtId: string, reason: WithdrawReason): Promise<UitgaandeOverdrachtRecord> {
    return this.offers.withdraw(`rmc:${region}`, overdrachtId, reason, taakId);
  }
}
