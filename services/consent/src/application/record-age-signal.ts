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
import { HandlesEventBatch } from '@estafette/service-kit';
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
  @HandlesEventBatch(uitschrijvingRegistered)
  uitschrijvingen(events: CloudEvent<UitschrijvingRegisteredData>[], manager: EntityManager): Promise<void> {
    return this.record(
      manager,
      events.map((event) => ({ event, reading: { age: event.data.ageAtDeregistration, onDate: event.data.dateOfDeregistration } })),
    );
  }

  @HandlesEventBatch(inschrijvingRegistered)
  inschrijvingen(events: CloudEvent<InschrijvingRegisteredData>[], manager: EntityManager): Promise<void> {
    return this.record(
      manager,
      events.map((event) => ({ event, reading: { age: event.data.ageAtEnrolment, onDate: event.data.dateOfEnrolment } })),
    );
  }

  /** The readings of distinct young persons (the consumer's batch), in one statement. */
  private async record(manager: EntityManager, signals: { event: CloudEvent; reading: SchoolAgeReading }[]): Promise<void> {
    const linked = signals.filter(({ event }) => event.subject); // the contract requires one; nothing to link without it
    if (linked.length === 0) return;
    // One statement, safe for readings of one young person handled at once (an uitschrijving and an inschrijving come on
    // different topics): the row's own lock in the upsert orders them, only a younger reading changes it (youngerReading,
    // in the upsert's WHERE, so the last commit cannot put back an older one), and the consents follow only a change.
    await preparedQuery(
      manager,
      `WITH changed AS (
         INSERT INTO subject_age (subject, latest_birth_date, source_event_id, updated_at)
         SELECT subject, birth_date, event_id, now() FROM unnest($1::text[], $2::date[], $3::text[]) AS r(subject, birth_date, event_id)
         ON CONFLICT (subject) DO UPDATE SET
           latest_birth_date = EXCLUDED.latest_birth_date, source_event_id = EXCLUDED.source_event_id, updated_at = EXCLUDED.updated_at
         WHERE subject_age.latest_birth_date < EXCLUDED.latest_birth_date
         RETURNING subject, latest_birth_date
       )
       UPDATE toestemming SET birth_date = changed.latest_birth_date FROM changed WHERE toestemming.subject = changed.subject`,
      [
        linked.map(({ event }) => event.subject),
        linked.map(({ reading }) => latestBirthDate(reading.age, reading.onDate)),
        linked.map(({ event }) => event.id),
      ],
    );
  }
}
