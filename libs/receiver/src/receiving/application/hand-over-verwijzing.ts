import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { receiverHolds } from '@estafette/overdracht';
import { ServiceCalendar } from '@estafette/service-kit';
import { OfferOverdracht } from '../../sending/application/offer-overdracht.js';
import type { OverdrachtOfferDto } from '../../sending/http/uitgaande-overdracht.dto.js';
import { RECEIVER_SETTINGS, type ReceiverSettings } from '../receiver-settings.js';
import { ageAt, ageFactsOf } from '../domain/verwijzing-age.js';
import { changeVerwijzing } from './change-verwijzing.js';

/**
 * Hands a young person on from a referral this organisation holds (W&I back to the RMC when school is an
 * option again, say). It keeps the baton until the receiver accepts; the offer is followed on /overdrachten-uit.
 * The offer carries the verwijzing's turns23On on, so the next receiver counts ages exactly too; its ageAtOffer is
 * the age today (exact with turns23On, else estimated from the age on the offer received, see ageAt).
 */
@Injectable()
export class HandOverVerwijzing {
  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: OfferOverdracht,
    @Inject(RECEIVER_SETTINGS) private readonly settings: ReceiverSettings,
    private readonly calendar: ServiceCalendar,
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
        ageAtOffer: ageAt(ageFactsOf(referral), this.calendar.today()),
        ...(referral.turns23On ? { turns23On: referral.turns23On } : {}),
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
