import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  inschrijvingRegistered,
  uitschrijvingRegistered,
  type CloudEvent,
  type InschrijvingRegisteredData,
  type UitschrijvingRegisteredData,
} from '@estafette/contracts';
import { preparedQuery } from '@estafette/messaging';
import { HandlesEvent } from '@estafette/service-kit';
import { latestBirthDate } from '../domain/age.js';

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
    // One statement, safe for readings of one young person handled at once (an uitschrijving and an inschrijving come on
    // different topics): the row's own lock in the upsert orders them, only a younger reading changes it (youngerReading,
    // in the upsert's WHERE, so the last commit cannot put back an older one), and the consents follow only a change.
    await preparedQuery(
      manager,
      `WITH changed AS (
         INSERT INTO subject_age (subject, latest_birth_date, source_event_id, updated_at) VALUES ($1, $2::date, $3, now())
         ON CONFLICT (subject) DO UPDATE SET
           latest_birth_date = EXCLUDED.latest_birth_date, source_event_id = EXCLUDED.source_event_id, updated_at = EXCLUDED.updated_at
         WHERE subject_age.latest_birth_date < EXCLUDED.latest_birth_date
         RETURNING subject, latest_birth_date
       )
       UPDATE toestemming SET birth_date = changed.latest_birth_date FROM changed WHERE toestemming.subject = changed.subject`,
      [subject, reported, event.id],
    );
  }
}
