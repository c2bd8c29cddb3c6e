import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import {
  createEvent,
  inschrijvingRegistered,
  vsvMeldingCancelled,
  type CloudEvent,
  type InschrijvingRegisteredData,
} from '@estafette/contracts';
import { reenrolmentOutcome } from '@estafette/overdracht';
import { takeYoungPersonsTurn } from '@estafette/messaging';
import { OfferOverdracht } from '@estafette/receiver';
import { HandlesEvent } from '@estafette/service-kit';
import { Outbox } from '@estafette/messaging';
import { TaakRecord } from '../persistence/taak.entity.js';
import { InschrijvingSeenRecord } from '../persistence/inschrijving-seen.entity.js';
import { BatonProjection } from './baton-projection.js';
import { EndRegie } from './end-regie.js';
import { rmcSource } from './rmc-source.js';

/**
 * A new enrolment, at any school, closes the open task: within the region's grace period the melding is cancelled
 * (`vsv-melding.cancelled`), after it the young person went back to school and the RMC's regie ends (`regie.ended`,
 * terug-naar-school). An offer of the task still waiting is withdrawn. The task keeps which school enrolled them and when,
 * so a closure by another school is attributable.
 */
@Injectable()
export class ProcessInschrijving {
  constructor(
    private readonly projection: BatonProjection,
    private readonly endRegie: EndRegie,
    private readonly offers: OfferOverdracht,
  ) {}

  @HandlesEvent(inschrijvingRegistered)
  async handle(event: CloudEvent<InschrijvingRegisteredData>, manager: EntityManager): Promise<void> {
    const data = event.data;
    // A vsv-melding of theirs (another topic, consumed concurrently) either committed before and is closed below, or
    // waits and then sees this enrolment.
    await takeYoungPersonsTurn(manager, event.subject);
    await manager.insert(InschrijvingSeenRecord, {
      inschrijvingId: data.inschrijvingId,
      pseudonymousReference: event.subject,
      dateOfEnrolment: data.dateOfEnrolment,
    });
    // The enrolment itself ends whoever holds the baton (also a school that accepted a back-to-school offer); only for
    // young people the RMC already follows, so every enrolment in the country does not become a row here.
    await this.projection.recordIfKnown(event, manager);
    const open = await manager.find(TaakRecord, {
      where: { pseudonymousReference: event.subject, status: In(['nieuw', 'toegewezen', 'in-contact', 'traject']) },
      lock: { mode: 'pessimistic_write' },
    });
    for (const taak of open) {
      await manager.update(
        TaakRecord,
        { id: taak.id },
        { reenrolmentSchoolId: data.school.id, reenrolmentDate: data.dateOfEnrolment, reenrolmentInschrijvingId: data.inschrijvingId },
      );
      // Back at school, the task's offer still waiting is void: nobody may accept it afterwards.
      await this.offers.withdrawOpenOf(manager, taak.id, 'niet-meer-nodig');
      if (reenrolmentOutcome(data.dateOfEnrolment, taak.gracePeriodEndDate) === 'terug-naar-school') {
        await this.endRegie.end(manager, taak, {
          reason: 'terug-naar-school',
          taakCloseReason: 'terug-naar-school',
          endedOn: data.dateOfEnrolment,
          inschrijvingId: data.inschrijvingId,
        });
        continue;
      }
      await manager.update(TaakRecord, { id: taak.id }, { status: 'gesloten', closeReason: 'nieuwe-inschrijving' });
      const cancelled = createEvent(vsvMeldingCancelled, {
        source: rmcSource(taak.region),
        subject: event.subject,
        traceparent: event.traceparent,
        data: {
          vsvMeldingId: taak.id,
          rmcRegion: taak.region,
          cancellationDate: data.dateOfEnrolment,
          reason: 'nieuwe-inschrijving',
          inschrijvingId: data.inschrijvingId,
          // Names the one school record this cancellation is about; no other school's record changes.
          uitschrijvingId: taak.uitschrijvingId,
        },
      });
      await Outbox.add(manager, cancelled);
      await this.projection.record(cancelled, manager, [taak.region]);
    }
  }
}
