import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OverdrachtOfferedData } from '@estafette/contracts';
import { DEFAULT_RESPONSE_WORKING_DAYS, type WithdrawReason } from '@estafette/overdracht';
import { OfferOverdracht, type UitgaandeOverdrachtRecord } from '@estafette/receiver';
import { buildRouter, type RegionRouter } from '../domain/region-routing.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { RMC_SETTINGS, type RmcSettings } from '../rmc-settings.js';

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

const wholeYearsSince = (iso: string) => Math.floor((Date.now() - Date.parse(iso)) / (365.25 * 86_400_000));

/**
 * The RMC offers a warm handover from one of its tasks, or withdraws it, through the shared sending side
 * (one offer table, one expiry timer); the RMC keeps the baton until acceptance. The offer's local record
 * is the task; its answer time comes from the region's settings.
 */
@Injectable()
export class HandOverTaak {
  private readonly regions: RegionRouter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: OfferOverdracht,
    @Inject(RMC_SETTINGS) settings: RmcSettings,
  ) {
    // Refuses a map naming a region CBS does not have at start, like the melding does.
    this.regions = buildRouter(settings.regionMap);
  }

  /** 404 for a task outside the region; 409 before contact with the young person or while an offer is open. */
  offer(region: string, taakId: string, input: TaakOfferInput, by: string): Promise<UitgaandeOverdrachtRecord> {
    return this.dataSource.transaction(async (manager) => {
      const taak = await manager.findOne(TaakRecord, { where: { id: taakId, region }, lock: { mode: 'pessimistic_write' } });
      if (!taak) throw new NotFoundException(`no task ${taakId} in your region`);
      // Warm means the young person is involved: no handover before the RMC has been in contact.
      if (taak.status !== 'in-contact' && taak.status !== 'traject') {
        throw new ConflictException(`a task that is ${taak.status} cannot be handed over: record contact with the young person first`);
      }
      return this.offers.offer(manager, {
        organisationId: `rmc:${region}`,
        localRef: taakId,
        pseudonymousReference: taak.pseudonymousReference,
        municipalityOfResidence: taak.municipality,
        ageAtOffer: taak.ageAtRegistration + wholeYearsSince(taak.registrationDate),
        to: input.to,
        purpose: input.purpose,
        reason: input.reason,
        contactPerson: input.contactPerson,
        firstContactProposedOn: input.firstContactProposedOn,
        legalBasis: input.legalBasis,
        toestemmingId: input.toestemmingId,
        vsvMeldingId: taak.id,
        uitschrijvingId: taak.uitschrijvingId,
        responseWorkingDays: this.regions.settingsOf(region).offerResponseWorkingDays ?? DEFAULT_RESPONSE_WORKING_DAYS,
        offeredBy: by,
      });
    });
  }

  withdraw(region: string, taakId: string, overdrachtId: string, reason: WithdrawReason): Promise<UitgaandeOverdrachtRecord> {
    return this.offers.withdraw(`rmc:${region}`, overdrachtId, reason, taakId);
  }
}
