import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { receiverHolds } from '@estafette/overdracht';
import { OfferFromHere } from '../sender/offer-from-here.js';
import type { OutgoingOfferDto } from '../sender/outgoing.dto.js';
import { RECEIVER_SETTINGS, type ReceiverSettings } from '../receiver-settings.js';
import { changeReferral } from './scoped-change.js';

const wholeYearsBetween = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / (365.25 * 86_400_000)));

/**
 * Hands a young person on from a referral this organisation holds (W&I back to the RMC when school is an
 * option again, say). It keeps the baton until the receiver accepts; the offer is followed on /overdrachten-uit.
 */
@Injectable()
export class HandOverReferral {
  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: OfferFromHere,
    @Inject(RECEIVER_SETTINGS) private readonly settings: ReceiverSettings,
  ) {}

  offer(organisationId: string, overdrachtId: string, input: OutgoingOfferDto, by: string) {
    return changeReferral(this.dataSource, organisationId, overdrachtId, async (referral, manager) => {
      // Only the baton holder can pass it: an accepted referral not yet placed (a placement follows up, uitval returns).
      if (!receiverHolds(referral.status) || referral.status === 'geplaatst') {
        throw new ConflictException(`a verwijzing that is ${referral.status} cannot be handed over: you hold the baton only after accepting, until placement`);
      }
      if (input.to.organisationType === this.settings.organisationType && input.to.id === organisationId) throw new ConflictException('you cannot hand over to yourself');
      return this.offers.offer(manager, {
        organisationId, localRef: referral.overdrachtId, pseudonymousReference: referral.pseudonymousReference,
        municipalityOfResidence: referral.municipality, ageAtOffer: referral.ageAtOffer + wholeYearsBetween(referral.receivedAt, new Date()),
        to: input.to, purpose: input.purpose, reason: input.reason, contactPerson: input.contactPerson,
        firstContactProposedOn: input.firstContactProposedOn, offeredBy: by,
      });
    });
  }
}
