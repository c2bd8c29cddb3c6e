import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import {
  createEvent,
  uitschrijvingRegistered,
  vsvMeldingRegistered,
  type CloudEvent,
  type UitschrijvingRegisteredData,
} from '@estafette/contracts';
import { OrganisationDirectory } from '@estafette/auth';
import { addDays } from '@estafette/calendar';
import { earliestTurns23On } from '@estafette/overdracht';
import { HandlesEventBatch, ServiceCalendar } from '@estafette/service-kit';
import { OUTBOX_CHANNEL, OUTBOX_COLUMNS, outboxRowOf, preparedQuery, RefusedEventError, takeYoungPersonsTurn } from '@estafette/messaging';
import { firstContactDue } from '../domain/first-contact.js';
import type { RegionRouter } from '../domain/region-routing.js';
import { decideVsv } from '../domain/vsv-decision.js';
import { InschrijvingSeenRecord } from '../persistence/inschrijving-seen.entity.js';
import { REGION_ROUTER, RMC_SETTINGS, type RmcSettings } from '../rmc-settings.js';
import type { BatonEvent } from '@estafette/overdracht';
import { BatonProjection, batonEventOf, batonEventsJson } from './baton-projection.js';
import { UITSCHRIJVING_PATH } from './fetch-school-dossier.js';
import { taakTimers } from './open-taak.js';
import { rmcSource } from './rmc-source.js';

/** A task to open for one uitschrijving, with what the statement that opens it stores. */
interface Opening {
  /** The row of OPEN_TAKEN's first parameter (snake_case: json_to_recordset's column names). */
  row: Record<string, unknown>;
  /** The vsv-melding as JSON text, validated for the outbox. */
  meldingJson: string;
  melding: CloudEvent;
  region: string;
}

/** On an uitschrijving: decide vsv, route to the region, open the task with its durable first-contact timer. */
@Injectable()
export class RegisterVsvMelding {
  constructor(
    @Inject(REGION_ROUTER) private readonly regions: RegionRouter,
    @Inject(RMC_SETTINGS) private readonly settings: RmcSettings,
    private readonly projection: BatonProjection,
    private readonly directory: OrganisationDirectory,
    private readonly calendar: ServiceCalendar,
  ) {}

  /** One uitschrijving (a correction registers its corrected version through here). */
  handle(event: CloudEvent<UitschrijvingRegisteredData>, manager: EntityManager): Promise<void> {
    return this.handleAll([event], manager);
  }

  /**
   * The consumer's batch: uitschrijvingen of distinct young persons. Each is decided on its own (a refusal throws
   * RefusedEventError, and the consumer then handles the batch one by one to dead-letter only that one); the tasks
   * to open are opened in one statement and their batons refreshed in one more.
   */
  @HandlesEventBatch(uitschrijvingRegistered)
  async handleAll(events: CloudEvent<UitschrijvingRegisteredData>[], manager: EntityManager): Promise<void> {
    const openings: Opening[] = [];
    for (const event of events) {
      const opening = await this.decide(event, manager);
      if (opening) openings.push(opening);
    }
    if (openings.length > 0) await this.open(manager, openings);
  }

  /** What one uitschrijving asks for: a task to open, or nothing (not vsv, or back at school already). */
  private async decide(event: CloudEvent<UitschrijvingRegisteredData>, manager: EntityManager): Promise<Opening | undefined> {
    const data = event.data;
    // The dossier is later fetched from the school's configured origin: a dataref naming another host, or
    // another uitschrijving, is refused here (dead letter with the reason) and never stored.
    if (event.dataref) {
      const check = this.directory.checkDataref(data.school, event.dataref, UITSCHRIJVING_PATH);
      if (!check.ok) throw new RefusedEventError(check.reason);
      if (check.path !== `/uitschrijvingen/${data.uitschrijvingId}`)
        throw new RefusedEventError(`dataref refused: it names another uitschrijving than ${data.uitschrijvingId}`);
    }
    const decision = decideVsv({
      ageAtDeregistration: data.ageAtDeregistration,
      hasStartkwalificatie: data.hasStartkwalificatie,
      schoolType: data.schoolType,
    });
    if (!decision.vsv) {
      // The school holds the baton in nazorg: recorded, so the baton API knows this young person has a holder.
      if (decision.why === 'nazorg-pro-vso') {
        const region = this.regions.route(data.municipalityOfResidence, data.dateOfDeregistration);
        await this.projection.record(event, manager, region ? [region.code] : []);
      }
      return undefined;
    }
    const region = this.regions.route(data.municipalityOfResidence, data.dateOfDeregistration);
    // A safety net only: the school refuses a code that is no municipality on the deregistration date, so this happens
    // only for a code CBS dropped after the school accepted it. Thrown, so the event lands in the DLQ with this reason:
    // ops add the merger to the indeling and replay; nobody is dropped. Refused, not retried: a retry cannot find a
    // region either, and retrying would hold up the partition behind it. (A young person enrolled again needs no region.)
    if (!region) {
      if (await this.alreadyEnrolled(manager, event.subject, data.dateOfDeregistration)) return undefined;
      throw new RefusedEventError(
        `no RMC region for municipality ${data.municipalityOfResidence} on ${data.dateOfDeregistration}: add its merger to the CBS indeling, then replay`,
      );
    }

    // Registered on today's Amsterdam date; the first contact is due in the RMC's working days from then.
    const registrationDate = this.calendar.today();
    const firstContact = firstContactDue(
      registrationDate > data.dateOfDeregistration ? registrationDate : data.dateOfDeregistration,
      region.settings.firstContactWorkingDays,
      this.calendar.holidayRules('rmc'),
    );
    const firstContactDueDate = firstContact.dueDate;
    // From the school (exact); from an older producer, the earliest the age allows, so the RMC acts early rather than late.
    const turns23On = data.turns23On ?? earliestTurns23On(data.ageAtDeregistration, data.dateOfDeregistration);
    const taakId = randomUUID();
    const gracePeriodEndDate = addDays(data.dateOfDeregistration, region.settings.gracePeriodDays);
    const melding = createEvent(vsvMeldingRegistered, {
      source: rmcSource(region.code),
      subject: event.subject,
      dataref: `${this.settings.publicUrl}/taken/${taakId}`,
      traceparent: event.traceparent,
      data: {
        vsvMeldingId: taakId,
        rmcRegion: region.code,
        municipalityOfResidence: data.municipalityOfResidence,
        registrationDate,
        ageAtRegistration: data.ageAtDeregistration,
        lastSchool: data.school,
        uitschrijvingId: data.uitschrijvingId,
        gracePeriodEndDate,
        firstContactDueDate,
        turns23On,
      },
    });
    // The first contact is due at the end of its due date (Amsterdam midnight): the first moment the deadline has passed.
    const timers = taakTimers(taakId, firstContact.timerDueAt, turns23On, region.settings.wiHandoverLeadMonths);
    const [, , topic, , meldingJson] = outboxRowOf(melding);
    return {
      row: {
        taak_id: taakId,
        subject: event.subject,
        region: region.code,
        team: decision.team,
        uitschrijving_id: data.uitschrijvingId,
        school_id: data.school.id,
        school_dataref: event.dataref ?? null,
        municipality: data.municipalityOfResidence,
        age: data.ageAtDeregistration,
        registration_date: registrationDate,
        grace_period_end_date: gracePeriodEndDate,
        first_contact_due_date: firstContactDueDate,
        turns_23_on: turns23On,
        deregistration_date: data.dateOfDeregistration,
        topic,
        timers: timers.map((t) => ({ kind: t.kind, due_at: t.dueAt })),
      },
      meldingJson,
      melding,
      region: region.code,
    };
  }

  /**
   * Opens the tasks (distinct young persons) in one statement, then refreshes their batons in one more. The young
   * persons' turns first: an inschrijving of theirs (another topic, consumed concurrently) either committed before and
   * is seen by the statement, or waits and then finds the task open.
   */
  private async open(manager: EntityManager, openings: Opening[]): Promise<void> {
    await takeYoungPersonsTurn(
      manager,
      openings.map((o) => o.row.subject as string),
    );
    const opened: { subject: string; events: BatonEvent[] }[] = await preparedQuery(manager, OPEN_TAKEN, [
      JSON.stringify(openings.map((o, i) => ({ ...o.row, ordinal: i + 1 }))),
      `[${openings.map((o) => o.meldingJson).join(',')}]`,
      OUTBOX_CHANNEL,
    ]);
    const bySubject = new Map(openings.map((o) => [o.row.subject as string, o]));
    await this.projection.refreshAll(
      manager,
      opened.map(({ subject, events }) => {
        const opening = bySubject.get(subject)!;
        return { subject, events: [...events, batonEventOf(opening.melding)], regions: [opening.region] };
      }),
    );
  }

  private async alreadyEnrolled(manager: EntityManager, subject: string, deregistrationDate: string): Promise<boolean> {
    const later = await manager
      .createQueryBuilder(InschrijvingSeenRecord, 'i')
      .where('i.pseudonymous_reference = :subject AND i.date_of_enrolment >= :date', { subject, date: deregistrationDate })
      .getExists();
    return later;
  }
}

/**
 * One statement for a batch of openings ($1: json rows of Opening.row, each with its 1-based ordinal; $2: their vsv-meldingen as a json array in the
 * same order; $3: the outbox channel): per young person nothing when a later enrolment was seen (back at school), else
 * the task, its durable timers, the melding as the RMC's own baton event (the RMC holds the baton before the event
 * comes back from the bus) and in the outbox (with the relay's wake-up). Answers, per task opened, the young person's
 * earlier baton events for the projection.
 */
const OPEN_TAKEN = `WITH m AS MATERIALIZED (
     SELECT m.*, e.melding FROM json_to_recordset($1::json) AS m(taak_id uuid, subject text, region text, team text,
         uitschrijving_id uuid, school_id text, school_dataref text, municipality text, age int, registration_date date,
         grace_period_end_date date, first_contact_due_date date, turns_23_on date, deregistration_date date, topic text,
         timers json, ordinal bigint)
       JOIN json_array_elements($2::json) WITH ORDINALITY AS e(melding, ordinal) USING (ordinal)
   ), opened AS (
     INSERT INTO taak (id, pseudonymous_reference, region, team, uitschrijving_id, school_id, school_dataref, municipality,
       age_at_registration, registration_date, grace_period_end_date, first_contact_due_date, turns_23_on, status)
     SELECT taak_id, subject, region, team, uitschrijving_id, school_id, school_dataref, municipality, age, registration_date,
       grace_period_end_date, first_contact_due_date, turns_23_on, 'nieuw'
       FROM m
      WHERE NOT EXISTS (SELECT 1 FROM inschrijving_seen i
                         WHERE i.pseudonymous_reference = m.subject AND i.date_of_enrolment >= m.deregistration_date)
      ORDER BY ordinal
     RETURNING id, pseudonymous_reference
   ), chosen AS (
     SELECT m.* FROM m JOIN opened ON opened.id = m.taak_id
   ), baton AS (
     INSERT INTO baton_event (event_id, pseudonymous_reference, type, time, data)
     SELECT melding->>'id', subject, melding->>'type', (melding->>'time')::timestamptz, (melding->'data')::jsonb FROM chosen
     ON CONFLICT (event_id) DO NOTHING
   ), timers AS (
     INSERT INTO timer (taak_id, kind, due_at)
     SELECT chosen.taak_id, t.kind, t.due_at FROM chosen, json_to_recordset(chosen.timers) AS t(kind text, due_at timestamptz)
   ), staged AS (
     INSERT INTO outbox (${OUTBOX_COLUMNS.join(', ')})
     SELECT melding->>'id', melding->>'type', topic, subject, melding::jsonb FROM chosen ORDER BY ordinal
   )
   SELECT opened.pseudonymous_reference AS subject, ${batonEventsJson('opened.pseudonymous_reference')} AS events,
          pg_notify($3, '') FROM opened`;
