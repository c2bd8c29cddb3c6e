import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OfferOverdracht, type OverdrachtOfferDto } from '@estafette/receiver';
import { ServiceCalendar } from '@estafette/service-kit';
import { ageOn } from '@estafette/calendar';
import { turns23OnFor } from '@estafette/overdracht';
import { handsOverToMunicipality } from '../domain/nazorg-overdracht.js';
import { UitschrijvingRecord } from '../persistence/uitschrijving.entity.js';

/**
 * A pro/vso school offers its former student to the municipality (Werk & Inkomen): the school holds the
 * baton until the municipality accepts. Only the signal goes on the bus; the sender's contact person stays here.
 * The offer carries the date the young person turns 23, never the birth date.
 */
@Injectable()
export class OfferNazorgOverdracht {
  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: OfferOverdracht,
    private readonly calendar: ServiceCalendar,
  ) {}

  offer(schoolId: string, uitschrijvingId: string, input: OverdrachtOfferDto, by: string) {
    return this.dataSource.transaction(async (manager) => {
      const leaver = await manager.findOne(UitschrijvingRecord, {
        where: { id: uitschrijvingId, schoolId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!leaver) throw new NotFoundException(`no uitschrijving ${uitschrijvingId} at your school`);
      if (!handsOverToMunicipality(leaver.schoolType)) {
        throw new UnprocessableEntityException(
          `a ${leaver.schoolType} leaver is not handed over by the school: the RMC follows early school leavers up (vsv-melding); pro and vso schools hand over to the municipality`,
        );
      }
      if (input.to.organisationType !== 'werk-inkomen')
        throw new UnprocessableEntityException('a pro/vso school hands over to the municipality: to.organisationType must be werk-inkomen');
      return this.offers.offer(manager, {
        organisationId: schoolId,
        localRef: leaver.id,
        uitschrijvingId: leaver.id,
        pseudonymousReference: leaver.pseudonymousReference,
        municipalityOfResidence: leaver.municipalityOfResidence,
        ageAtOffer: ageOn(leaver.birthDate, this.calendar.today()),
        turns23On: turns23OnFor(leaver.birthDate),
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
