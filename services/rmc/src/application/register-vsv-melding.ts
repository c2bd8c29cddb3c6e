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
import { HandlesEvent, ServiceCalendar } from '@estafette/service-kit';
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

  @HandlesEvent(uitschrijvingRegistered)
  async handle(event: CloudEvent<UitschrijvingRegisteredData>, manager: EntityManager): Promise<void> {
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
      return;
    }
    const region = this.regions.route(data.municipalityOfResidence, data.dateOfDeregistration);
    // A safety net only: the school refuses a code that is no municipality on the deregistration date, so this happens
    // only for a code CBS dropped after the school accepted it. Thrown, so the event lands in the DLQ with this reason:
    // ops add the merger to the indeling and replay; nobody is dropped. Refused, not retried: a retry cannot find a
    // region either, and retrying would hold up the partition behind it. (A young person enrolled again needs no region.)
    if (!region) {
      if (await this.alreadyEnrolled(manager, event.subject, data.dateOfDeregistration)) return;
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

    // The young person's turn first: an inschrijving of theirs (another topic, consumed concurrently) either committed
    // before and is seen below, or waits and then finds this task open.
    await takeYoungPersonsTurn(manager, event.subject);
    // One statement: nothing when a later enrolment was seen (back at school), else the task, its durable timers, the
    // melding as the RMC's own baton event (the RMC holds the baton before the event comes back from the bus) and in the
    // outbox (with the relay's wake-up), answering the young person's earlier baton events for the projection.
    const opened: { events: BatonEvent[] }[] = await preparedQuery(
      manager,
      `WITH enrolled AS (
         SELECT 1 FROM inschrijving_seen WHERE pseudonymous_reference = $2 AND date_of_enrolment >= $14::date LIMIT 1
       ), opened AS (
         INSERT INTO taak (id, pseudonymous_reference, region, team, uitschrijving_id, school_id, school_dataref, municipality,
           age_at_registration, registration_date, grace_period_end_date, first_contact_due_date, turns_23_on, status)
         SELECT $1::uuid, $2::text, $3::text, $4::text, $5::uuid, $6::text, $7::text, $8::text, $9::int, $10::date, $11::date,
           $12::date, $13::date, 'nieuw'
          WHERE NOT EXISTS (SELECT 1 FROM enrolled)
         RETURNING id
       ), baton AS (
         INSERT INTO baton_event (event_id, pseudonymous_reference, type, time, data)
         SELECT $17, $2, $18, $19, $20::jsonb FROM opened
         ON CONFLICT (event_id) DO NOTHING
       ), timers AS (
         INSERT INTO timer (taak_id, kind, due_at)
         SELECT opened.id, t.kind, t.due_at FROM opened, unnest($15::text[], $16::timestamptz[]) AS t(kind, due_at)
       ), staged AS (
         INSERT INTO outbox (${OUTBOX_COLUMNS.join(', ')}) SELECT $21, $22, $23, $24, $25::jsonb FROM opened
       )
       SELECT ${batonEventsJson('$2')} AS events, pg_notify($26, '') FROM opened`,
      [
        taakId,
        event.subject,
        region.code,
        decision.team,
        data.uitschrijvingId,
        data.school.id,
        event.dataref ?? null,
        data.municipalityOfResidence,
        data.ageAtDeregistration,
        registrationDate,
        gracePeriodEndDate,
        firstContactDueDate,
        turns23On,
        data.dateOfDeregistration,
        timers.map((t) => t.kind),
        timers.map((t) => t.dueAt),
        melding.id,
        melding.type,
        new Date(melding.time),
        JSON.stringify(melding.data),
        ...outboxRowOf(melding),
        OUTBOX_CHANNEL,
      ],
    );
    if (opened.length === 0) return;
    await this.projection.refreshWith(manager, event.subject, [...opened[0]!.events, batonEventOf(melding)], [region.code]);
  }

  private async alreadyEnrolled(manager: EntityManager, subject: string, deregistrationDate: string): Promise<boolean> {
    const later = await manager
      .createQueryBuilder(InschrijvingSeenRecord, 'i')
      .where('i.pseudonymous_reference = :subject AND i.date_of_enrolment >= :date', { subject, date: deregistrationDate })
      .getExists();
    return later;
  }
}
