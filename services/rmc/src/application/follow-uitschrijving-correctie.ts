import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  createEvent,
  uitschrijvingCorrected,
  uitschrijvingRegistered,
  uitschrijvingWithdrawn,
  vsvMeldingCancelled,
  vsvMeldingRegistered,
  type CloudEvent,
  type UitschrijvingCorrectedData,
  type UitschrijvingRegisteredData,
  type UitschrijvingWithdrawnData,
} from '@estafette/contracts';
import { Outbox, RefusedEventError } from '@estafette/messaging';
import { earliestTurns23On, NAZORG_SCHOOL_TYPES } from '@estafette/overdracht';
import { takeYoungPersonsTurn } from '@estafette/messaging';
import { OfferOverdracht } from '@estafette/receiver';
import { HandlesEvent, ServiceCalendar } from '@estafette/service-kit';
import type { RegionRouter } from '../domain/region-routing.js';
import { isOpen } from '../domain/taak-lifecycle.js';
import { followCorrectie, recomputedDates, type CorrectieOutcome } from '../domain/uitschrijving-correctie.js';
import { decideVsv } from '../domain/vsv-decision.js';
import { TaakCorrectieRecord } from '../persistence/taak-correctie.entity.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { REGION_ROUTER, RMC_SETTINGS, type RmcSettings } from '../rmc-settings.js';
import { BatonProjection } from './baton-projection.js';
import { taakTimers } from './open-taak.js';
import { RegisterVsvMelding } from './register-vsv-melding.js';
import { rmcSource } from './rmc-source.js';

/**
 * The RMC task follows its school's corrections (`uitschrijving.corrected`) and withdrawal (`uitschrijving.withdrawn`),
 * in the event's transaction; every one is kept in the task's history (`taak_correctie`, one row per event id, so a
 * redelivery changes nothing). Only the school that registered the uitschrijving reaches its task (matched on the
 * uitschrijving, the school and the young person).
 *
 * - Withdrawn, or corrected into no vsv (startkwalificatie, 23 or older, pro/vso): the open task closes
 *   (`onterecht-gemeld`) and `vsv-melding.cancelled` (reason `onterecht-gemeld`, naming the uitschrijving) ends the RMC's
 *   baton: the reducer ends it as `melding-ingetrokken` with the cancellation's reason beside it.
 * - Corrected into another region (municipality): not a warm handover, the first routing was wrong. The same task (same
 *   id, the vsv-melding id) moves to the new region with its history, unassigned, with the new region's deadlines from
 *   today; the old region cancels its melding (`onterecht-gemeld`, naming no uitschrijving, so the school's nazorg view
 *   stays "vsv gemeld") and the new region registers it (`vsv-melding.registered`), one millisecond later so the reducer
 *   ends the old region's responsibility before the new region's starts and the baton holder becomes the new region.
 * - Otherwise the dates are recomputed (grace period end, first contact due, turns23On when the correction says it) and
 *   the timers re-armed (a first contact already escalated is not escalated again).
 * - No task, and the correction makes the leaver a vsv: the task is opened as for a new uitschrijving.
 * Source: design (issue 22).
 */
@Injectable()
export class FollowUitschrijvingCorrectie {
  constructor(
    @Inject(REGION_ROUTER) private readonly regions: RegionRouter,
    @Inject(RMC_SETTINGS) private readonly settings: RmcSettings,
    private readonly projection: BatonProjection,
    private readonly calendar: ServiceCalendar,
    private readonly register: RegisterVsvMelding,
    private readonly offers: OfferOverdracht,
  ) {}

  @HandlesEvent(uitschrijvingCorrected)
  async corrected(event: CloudEvent<UitschrijvingCorrectedData>, manager: EntityManager): Promise<void> {
    const data = event.data;
    // Reads the task, then writes: an enrolment or a reply of this young person (other topics) waits its turn.
    await takeYoungPersonsTurn(manager, event.subject);
    const changes = Object.fromEntries(data.changedFields.map((field) => [field, { from: data.previous[field] ?? null, to: data[field] }]));
    const history = { kind: 'correctie' as const, reason: data.reason, changes, correctionDate: data.correctionDate };
    const taak = await this.taakOf(manager, event.subject, data);
    if (!taak) {
      const opened = await this.openIfNowVsv(event, manager);
      if (opened) await this.remember(manager, event, opened, { ...history, outcome: 'geopend', toRegion: opened.region });
      return;
    }
    if (!isOpen(taak.status)) {
      // A correction that made the melding wrong, undone by a later one: the young person is a vsv again and the task
      // opens again (with the baton), or nobody would hold it. A withdrawn uitschrijving stays withdrawn.
      const undone =
        taak.closeReason === 'onterecht-gemeld' && !(await manager.existsBy(TaakCorrectieRecord, { taakId: taak.id, kind: 'intrekking' }));
      if (undone && isNowVsv(data)) {
        const region = await this.reopen(manager, event, taak);
        return this.remember(manager, event, taak, { ...history, outcome: 'geopend', toRegion: region });
      }
      return this.remember(manager, event, taak, { ...history, outcome: 'vastgelegd', toRegion: taak.region });
    }

    const region = this.regions.route(data.municipalityOfResidence, data.dateOfDeregistration);
    // As for a new uitschrijving: the school refuses a code that is no municipality on the date, so this is a safety net.
    if (!region)
      throw new RefusedEventError(
        `no RMC region for municipality ${data.municipalityOfResidence} on ${data.dateOfDeregistration}: add its merger to the CBS indeling, then replay`,
      );
    const follow = followCorrectie(
      { ageAtDeregistration: data.ageAtDeregistration, hasStartkwalificatie: data.hasStartkwalificatie, schoolType: data.schoolType },
      taak.region,
      region.code,
    );
    if (follow.outcome === 'geannuleerd') {
      await this.cancel(manager, event, taak);
      return this.remember(manager, event, taak, { ...history, outcome: 'geannuleerd', toRegion: taak.region });
    }

    const moved = follow.outcome === 'verplaatst';
    const today = this.calendar.today();
    const dates = recomputedDates(
      data.dateOfDeregistration,
      moved ? today : taak.registrationDate,
      region.settings,
      this.calendar.holidayRules('rmc'),
    );
    const turns23On = data.turns23On ?? taak.turns23On ?? earliestTurns23On(data.ageAtDeregistration, data.dateOfDeregistration);
    await manager.update(
      TaakRecord,
      { id: taak.id },
      {
        region: region.code,
        municipality: data.municipalityOfResidence,
        team: follow.team,
        ageAtRegistration: data.ageAtDeregistration,
        gracePeriodEndDate: dates.gracePeriodEndDate,
        firstContactDueDate: dates.firstContactDueDate,
        turns23On,
        // The new region starts afresh: nobody there is assigned yet, and the old region's escalation was the old region's.
        ...(moved ? { assignedTo: null, escalatedAt: null, status: taak.status === 'toegewezen' ? ('nieuw' as const) : taak.status } : {}),
      },
    );
    const timers = taakTimers(taak.id, dates.firstContactTimerDueAt, turns23On, region.settings.wiHandoverLeadMonths);
    for (const timer of timers) {
      // One escalation per melding in a region: a first contact escalated there is not escalated again.
      if (timer.kind === 'first-contact-due' && taak.escalatedAt && !moved) continue;
      // Only a timer whose moment changed is armed again; one that fired at the same moment stays fired.
      await manager.query('UPDATE timer SET due_at = $3, fired_at = NULL WHERE taak_id = $1 AND kind = $2 AND due_at <> $3', [
        taak.id,
        timer.kind,
        timer.dueAt,
      ]);
    }
    if (moved)
      await this.reroute(manager, event, taak, region.code, {
        gracePeriodEndDate: dates.gracePeriodEndDate,
        firstContactDueDate: dates.firstContactDueDate,
        turns23On,
      });
    await this.remember(manager, event, taak, { ...history, outcome: follow.outcome, toRegion: region.code });
  }

  @HandlesEvent(uitschrijvingWithdrawn)
  async withdrawn(event: CloudEvent<UitschrijvingWithdrawnData>, manager: EntityManager): Promise<void> {
    const data = event.data;
    await takeYoungPersonsTurn(manager, event.subject);
    const taak = await this.taakOf(manager, event.subject, data);
    if (!taak) return;
    const open = isOpen(taak.status);
    if (open) await this.cancel(manager, event, taak);
    await this.remember(manager, event, taak, {
      kind: 'intrekking',
      reason: data.reason,
      changes: {},
      correctionDate: data.withdrawalDate,
      outcome: open ? 'geannuleerd' : 'vastgelegd',
      toRegion: taak.region,
    });
  }

  /** The task of this uitschrijving, of the school that registered it, for this young person; locked. */
  private taakOf(manager: EntityManager, subject: string, data: { uitschrijvingId: string; school: { id: string } }) {
    return manager.findOne(TaakRecord, {
      where: { uitschrijvingId: data.uitschrijvingId, schoolId: data.school.id, pseudonymousReference: subject },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The melding was wrong: the task closes and the cancellation (naming the uitschrijving) ends the RMC's baton. */
  private async cancel(manager: EntityManager, event: CloudEvent, taak: TaakRecord): Promise<void> {
    await manager.update(TaakRecord, { id: taak.id }, { status: 'gesloten', closeReason: 'onterecht-gemeld' });
    // A wrong melding's offer still waiting is void: nobody may accept it afterwards.
    await this.offers.withdrawOpenOf(manager, taak.id, 'niet-meer-nodig');
    const cancelled = createEvent(vsvMeldingCancelled, {
      source: rmcSource(taak.region),
      subject: taak.pseudonymousReference,
      traceparent: event.traceparent,
      data: {
        vsvMeldingId: taak.id,
        rmcRegion: taak.region,
        cancellationDate: this.calendar.today(),
        reason: 'onterecht-gemeld',
        uitschrijvingId: taak.uitschrijvingId,
      },
    });
    await Outbox.add(manager, cancelled);
    await this.projection.record(cancelled, manager, [taak.region]);
  }

  /** The melding of `taak` registered (again) in `region` from the corrected facts: after a move or a reopening. */
  private registration(
    event: CloudEvent<UitschrijvingCorrectedData>,
    taak: TaakRecord,
    region: string,
    dates: { gracePeriodEndDate: string; firstContactDueDate: string; turns23On: string },
    time?: Date,
  ) {
    const data = event.data;
    return createEvent(vsvMeldingRegistered, {
      source: rmcSource(region),
      subject: taak.pseudonymousReference,
      ...(time ? { time: time.toISOString() } : {}),
      dataref: `${this.settings.publicUrl}/taken/${taak.id}`,
      traceparent: event.traceparent,
      data: {
        vsvMeldingId: taak.id,
        rmcRegion: region,
        municipalityOfResidence: data.municipalityOfResidence,
        registrationDate: this.calendar.today(),
        ageAtRegistration: data.ageAtDeregistration,
        lastSchool: data.school,
        uitschrijvingId: taak.uitschrijvingId,
        ...dates,
      },
    });
  }

  /** The old region cancels its melding, the new region registers it: the baton goes with the task. */
  private async reroute(
    manager: EntityManager,
    event: CloudEvent<UitschrijvingCorrectedData>,
    taak: TaakRecord,
    toRegion: string,
    dates: { gracePeriodEndDate: string; firstContactDueDate: string; turns23On: string },
  ): Promise<void> {
    // The old region's offer still waiting goes with its responsibility: the new region decides anew.
    await this.offers.withdrawOpenOf(manager, taak.id, 'anders');
    // Event times are the real clock's, as every event's here; the registration one millisecond after the cancellation.
    const at = Date.now();
    const cancelled = createEvent(vsvMeldingCancelled, {
      source: rmcSource(taak.region),
      subject: taak.pseudonymousReference,
      time: new Date(at).toISOString(),
      traceparent: event.traceparent,
      // No uitschrijvingId: the melding moves, it does not lapse, so the school's nazorg view does not change.
      data: { vsvMeldingId: taak.id, rmcRegion: taak.region, cancellationDate: this.calendar.today(), reason: 'onterecht-gemeld' },
    });
    const registered = this.registration(event, taak, toRegion, dates, new Date(at + 1));
    await Outbox.addAll(manager, [cancelled, registered]);
    await this.projection.record(cancelled, manager, [taak.region]);
    await this.projection.record(registered, manager, [toRegion]);
  }

  /**
   * The task of a melding a correction had made wrong opens again, as new: the corrected facts make the young person a vsv
   * once more. Deadlines count from today in the region of the corrected municipality, every timer is armed again, and
   * the region registers the melding again (`vsv-melding.registered`, same id), so the baton has a holder again.
   * Returns the region.
   */
  private async reopen(manager: EntityManager, event: CloudEvent<UitschrijvingCorrectedData>, taak: TaakRecord): Promise<string> {
    const data = event.data;
    const region = this.regions.route(data.municipalityOfResidence, data.dateOfDeregistration);
    if (!region)
      throw new RefusedEventError(`no RMC region for municipality ${data.municipalityOfResidence} on ${data.dateOfDeregistration}`);
    const today = this.calendar.today();
    const dates = recomputedDates(data.dateOfDeregistration, today, region.settings, this.calendar.holidayRules('rmc'));
    const turns23On = data.turns23On ?? taak.turns23On ?? earliestTurns23On(data.ageAtDeregistration, data.dateOfDeregistration);
    const decision = decideVsv(data);
    await manager.update(
      TaakRecord,
      { id: taak.id },
      {
        status: 'nieuw',
        closeReason: null,
        assignedTo: null,
        escalatedAt: null,
        region: region.code,
        municipality: data.municipalityOfResidence,
        ...(decision.vsv ? { team: decision.team } : {}),
        ageAtRegistration: data.ageAtDeregistration,
        registrationDate: today,
        gracePeriodEndDate: dates.gracePeriodEndDate,
        firstContactDueDate: dates.firstContactDueDate,
        turns23On,
      },
    );
    for (const timer of taakTimers(taak.id, dates.firstContactTimerDueAt, turns23On, region.settings.wiHandoverLeadMonths))
      await manager.query('UPDATE timer SET due_at = $3, fired_at = NULL WHERE taak_id = $1 AND kind = $2', [
        taak.id,
        timer.kind,
        timer.dueAt,
      ]);
    const registered = this.registration(event, taak, region.code, {
      gracePeriodEndDate: dates.gracePeriodEndDate,
      firstContactDueDate: dates.firstContactDueDate,
      turns23On,
    });
    await Outbox.add(manager, registered);
    await this.projection.record(registered, manager, [region.code]);
    return region.code;
  }

  /**
   * A leaver the RMC had no task for (startkwalificatie, 23 or older) becomes a vsv by the correction: the task is
   * opened as for a new uitschrijving, from the corrected facts. Not for a pro/vso leaver: the school keeps them in
   * nazorg and holds the baton (design). Returns the task, or null when none was opened.
   */
  private async openIfNowVsv(event: CloudEvent<UitschrijvingCorrectedData>, manager: EntityManager): Promise<TaakRecord | null> {
    const data = event.data;
    if (!isNowVsv(data)) return null;
    // The registration reads the decision facts, the school, the dates and the dataref; reason and exit interview are
    // not among them (and not on a correction), so they are given as unknown.
    const asRegistration: CloudEvent<UitschrijvingRegisteredData> = {
      ...event,
      type: uitschrijvingRegistered.type,
      data: {
        uitschrijvingId: data.uitschrijvingId,
        school: data.school,
        dateOfDeregistration: data.dateOfDeregistration,
        ageAtDeregistration: data.ageAtDeregistration,
        ...(data.turns23On ? { turns23On: data.turns23On } : {}),
        schoolType: data.schoolType,
        ...(data.schoolLevel ? { schoolLevel: data.schoolLevel } : {}),
        highestDiploma: data.highestDiploma,
        hasStartkwalificatie: data.hasStartkwalificatie,
        reason: 'anders',
        exitInterviewHeld: false,
        municipalityOfResidence: data.municipalityOfResidence,
      },
    };
    await this.register.handle(asRegistration, manager);
    return manager.findOneBy(TaakRecord, { uitschrijvingId: data.uitschrijvingId, schoolId: data.school.id });
  }

  private async remember(
    manager: EntityManager,
    event: CloudEvent,
    taak: TaakRecord,
    entry: Pick<TaakCorrectieRecord, 'kind' | 'reason' | 'changes' | 'correctionDate' | 'toRegion'> & { outcome: CorrectieOutcome },
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(TaakCorrectieRecord)
      .values({ eventId: event.id, taakId: taak.id, fromRegion: taak.region, receivedAt: this.calendar.now(), ...entry })
      .orIgnore()
      .execute();
  }
}

/** The corrected facts make the leaver an early school leaver (vsv), and not a pro/vso leaver the school keeps in nazorg. */
function isNowVsv(data: UitschrijvingCorrectedData): boolean {
  if (data.previous.schoolType && NAZORG_SCHOOL_TYPES.includes(data.previous.schoolType)) return false;
  if (NAZORG_SCHOOL_TYPES.includes(data.schoolType ?? '')) return false;
  return decideVsv(data).vsv;
}
