import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { receiverHolds } from '@estafette/overdracht';
import { OfferOverdracht } from '../../sending/application/offer-overdracht.js';
import type { OverdrachtOfferDto } from '../../sending/http/uitgaande-overdracht.dto.js';
import { RECEIVER_SETTINGS, type ReceiverSettings } from '../receiver-settings.js';
import { changeVerwijzing } from './change-verwijzing.js';

const wholeYearsBetween = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / (365.25 * 86_400_000)));

/**
 * Hands a young person on from a referral this organisation holds (W&I back to the RMC when school is an
 * option again, say). It keeps the baton until the receiver accepts; the offer is followed on /overdrachten-uit.
 */
@Injectable()
export class HandOverVerwijzing {
  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: OfferOverdracht,
    @Inject(RECEIVER_SETTINGS) private readonly settings: ReceiverSettings,
  ) {}

  offer(organisationId: string, overdrachtId: string, input: OverdrachtOfferDto, by: string) {
    return changeVerwijzing(this.dataSource, organisationId, overdrachtId, async (referral, manager) => {
      // Only the baton holder can pass it: an accepted referral not yet placed (a placement follows up, uitval returns).
      if (!receiverHolds(referral.status) || referral.status === 'geplaatst') {
        throw new ConflictException(
          `a verwijzing that is ${referral.status} cannot be handed over: you hold the baton only after accepting, until placement`,
        );
      }
      if (input.to.organisationType === this.settings.organisationType && input.to.id === organisationId)
        throw new ConflictException('you cannot hand over to yourself');
      return this.offers.offer(manager, {
        organisationId,
        localRef: referral.overdrachtId,
        pseudonymousReference: referral.pseudonymousReference,
        municipalityOfResidence: referral.municipality,
        ageAtOffer: referral.ageAtOffer + wholeYearsBetween(referral.receivedAt, new Date()),
        to: input.to,
        purpose: input.purpose,
        reason: input.reason,
        contactPerson: input.contactPerson,
        firstContactProposedOn: input.firstContactProposedOn,
        offeredBy: by,
      });
    });
  }
}
