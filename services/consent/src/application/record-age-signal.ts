import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  inschrijvingRegistered,
  uitschrijvingRegistered,
  type CloudEvent,
  type InschrijvingRegisteredData,
  type UitschrijvingRegisteredData,
} from '@estafette/contracts';
import { HandlesEvent } from '@estafette/service-kit';
import { latestBirthDate, youngerReading } from '../domain/age.js';
import { SubjectAgeRecord } from '../persistence/subject-age.entity.js';
import { ToestemmingRecord } from '../persistence/toestemming.entity.js';

/** The age a school reported on a date: ageAtDeregistration on dateOfDeregistration, or ageAtEnrolment on dateOfEnrolment. */
export interface SchoolAgeReading {
  age: number;
  onDate: string;
}

/**
 * Consumes the schools' uitschrijving and inschrijving signals (they carry the age, never the birth date) and keeps
 * per young person the latest birth date that fits them all; the young person's consents follow it, so whether a
 * guardian must co-sign is decided by the school's record, not by anything in a consent request.
 */
@Injectable()
export class RecordAgeSignal {
  @HandlesEvent(uitschrijvingRegistered)
  uitschrijving(event: CloudEvent<UitschrijvingRegisteredData>, manager: EntityManager): Promise<void> {
    return this.handle(event, manager, { age: event.data.ageAtDeregistration, onDate: event.data.dateOfDeregistration });
  }

  @HandlesEvent(inschrijvingRegistered)
  inschrijving(event: CloudEvent<InschrijvingRegisteredData>, manager: EntityManager): Promise<void> {
    return this.handle(event, manager, { age: event.data.ageAtEnrolment, onDate: event.data.dateOfEnrolment });
  }

  private async handle(event: CloudEvent, manager: EntityManager, reading: SchoolAgeReading): Promise<void> {
    const subject = event.subject;
    if (!subject) return; // the contract requires one; nothing to link without it
    const reported = latestBirthDate(reading.age, reading.onDate);
    const known = await manager.findOne(SubjectAgeRecord, { where: { subject }, lock: { mode: 'pessimistic_write' } });
    const latest = youngerReading(known?.latestBirthDate ?? null, reported);
    if (known?.latestBirthDate === latest) return;
    await manager.upsert(SubjectAgeRecord, { subject, latestBirthDate: latest, sourceEventId: event.id, updatedAt: new Date() }, [
      'subject',
    ]);
    await manager.update(ToestemmingRecord, { subject }, { birthDate: latest });
  }
}
