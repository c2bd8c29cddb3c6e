import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import {
  createEvent,
  inschrijvingRegistered,
  vsvMeldingCancelled,
  type CloudEvent,
  type InschrijvingRegisteredData,
} from '@estafette/contracts';
import { HandlesEvent } from '@estafette/service-kit';
import { Outbox } from '@estafette/messaging';
import { TaakRecord } from '../persistence/taak.entity.js';
import { InschrijvingSeenRecord } from '../persistence/inschrijving-seen.entity.js';
import { rmcSource } from './rmc-source.js';

/**
 * A new enrolment, at any school, cancels the open melding and closes its task: the young person is back in
 * school. The task keeps which school enrolled them and when, so a closure by another school is attributable.
 */
@Injectable()
export class ProcessInschrijving {
  @HandlesEvent(inschrijvingRegistered)
  async handle(event: CloudEvent<InschrijvingRegisteredData>, manager: EntityManager): Promise<void> {
    const data = event.data;
    await manager.insert(InschrijvingSeenRecord, {
      inschrijvingId: data.inschrijvingId,
      pseudonymousReference: event.subject,
      dateOfEnrolment: data.dateOfEnrolment,
    });
    const open = await manager.find(TaakRecord, {
      where: { pseudonymousReference: event.subject, status: In(['nieuw', 'toegewezen', 'in-contact', 'traject']) },
      lock: { mode: 'pessimistic_write' },
    });
    for (const taak of open) {
      await manager.update(
        TaakRecord,
        { id: taak.id },
        {
          status: 'gesloten',
          closeReason: 'nieuwe-inschrijving',
          reenrolmentSchoolId: data.school.id,
          reenrolmentDate: data.dateOfEnrolment,
          reenrolmentInschrijvingId: data.inschrijvingId,
        },
      );
      await Outbox.add(
        manager,
        createEvent(vsvMeldingCancelled, {
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
        }),
      );
    }
  }
}
