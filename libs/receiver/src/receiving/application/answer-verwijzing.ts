import { ConflictException, Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  createEvent,
  overdrachtAccepted,
  overdrachtFirstContactHeld,
  overdrachtFirstContactMissed,
  overdrachtRejected,
} from '@estafette/contracts';
import { lastDayInTime } from '@estafette/calendar';
import { Outbox } from '@estafette/messaging';
import { ServiceCalendar } from '@estafette/service-kit';
import { nextStatus, type RejectReason } from '@estafette/overdracht';
import { VerwijzingRecord } from '../persistence/verwijzing.entity.js';
import { RECEIVER_SETTINGS, type ReceiverSettings } from '../receiver-settings.js';
import { organisationOf, organisationSource } from '../../shared/organisation-source.js';
import { changeVerwijzing } from './change-verwijzing.js';

export type FirstContactType = 'driegesprek' | 'huisbezoek' | 'gesprek-op-locatie' | 'telefonisch' | 'video';
/** What a receiving service does on top when it accepts (the RMC opens a task with the history). */
export const RECEIVER_ON_ACCEPTED = Symbol('RECEIVER_ON_ACCEPTED');
export type OnAccepted = (referral: VerwijzingRecord, manager: EntityManager) => Promise<void>;

/**
 * Late acceptance: the deadline in the offer decides. At or after it the acceptance is refused here with
 * the reason, whether or not the sender's expiry event has arrived yet; the sender keeps the baton and
 * must offer again. The acceptance event carries the time checked, so the baton reducer sees the same.
 */
export class LateAcceptanceError extends ConflictException {
  constructor(referral: VerwijzingRecord) {
    super({
      statusCode: 409,
      error: 'Conflict',
      reason: 'verlopen',
      responseDueAt: referral.responseDueAt.toISOString(),
      responseDueOn: lastDayInTime(referral.responseDueAt),
      message: `the offer expired: an answer was in time until the end of ${lastDayInTime(referral.responseDueAt)} (Amsterdam time); the sender keeps the baton and was told; ask them to offer again`,
    });
  }
}

export type MissedReason = 'niet-verschenen' | 'niet-bereikbaar' | 'afgezegd-door-jongere' | 'afgezegd-door-organisatie';

/** The receiver's answers on a referral: each a state change plus its event in one transaction. */
@Injectable()
export class AnswerVerwijzing {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(RECEIVER_SETTINGS) private readonly settings: ReceiverSettings,
    private readonly calendar: ServiceCalendar,
    @Optional() @Inject(RECEIVER_ON_ACCEPTED) private readonly onAccepted?: OnAccepted,
  ) {}

  accept(organisationId: string, id: string, contactPerson: string, firstContactPlannedOn?: string) {
    return changeVerwijzing(this.dataSource, organisationId, id, async (referral, manager) => {
      const now = this.calendar.now();
      if (referral.status === 'aangeboden' && now >= referral.responseDueAt) throw new LateAcceptanceError(referral);
      const changes = {
        status: nextStatus(referral.status, 'accept'),
        contactPerson,
        firstContactPlannedOn: firstContactPlannedOn ?? referral.firstContactProposedOn,
      };
      await manager.update(VerwijzingRecord, { overdrachtId: id }, changes);
      const data = {
        ...this.parties(referral),
        ...(changes.firstContactPlannedOn ? { firstContactPlannedOn: changes.firstContactPlannedOn } : {}),
      };
      await Outbox.add(manager, createEvent(overdrachtAccepted, { ...this.envelope(referral, data), time: now.toISOString() }));
      await this.onAccepted?.({ ...referral, ...changes }, manager);
      return { ...referral, ...changes };
    });
  }

  reject(organisationId: string, id: string, reason: RejectReason) {
    return changeVerwijzing(this.dataSource, organisationId, id, async (referral, manager) => {
      const changes = { status: nextStatus(referral.status, 'reject'), rejectReason: reason };
      await manager.update(VerwijzingRecord, { overdrachtId: id }, changes);
      await Outbox.add(manager, createEvent(overdrachtRejected, this.envelope(referral, { ...this.parties(referral), reason })));
      return { ...referral, ...changes };
    });
  }

  firstContact(
    organisationId: string,
    id: string,
    outcome: { held: true; date: string; contactType: FirstContactType } | { held: false; date: string; reason: MissedReason },
  ) {
    return changeVerwijzing(this.dataSource, organisationId, id, async (referral, manager) => {
      if (outcome.held) {
        const changes = { status: nextStatus(referral.status, 'hold-first-contact'), firstContactDate: outcome.date };
        await manager.update(VerwijzingRecord, { overdrachtId: id }, changes);
        await Outbox.add(
          manager,
          createEvent(
            overdrachtFirstContactHeld,
            this.envelope(referral, { ...this.parties(referral), contactDate: outcome.date, contactType: outcome.contactType }),
          ),
        );
        return { ...referral, ...changes };
      }
      // Missed: the event escalates to the sender, who still knows the young person.
      const changes = { status: nextStatus(referral.status, 'miss-first-contact') };
      await manager.update(VerwijzingRecord, { overdrachtId: id }, changes);
      await Outbox.add(
        manager,
        createEvent(
          overdrachtFirstContactMissed,
          this.envelope(referral, { ...this.parties(referral), plannedDate: outcome.date, reason: outcome.reason }),
        ),
      );
      return { ...referral, ...changes };
    });
  }

  private parties(referral: VerwijzingRecord) {
    return {
      overdrachtId: referral.overdrachtId,
      from: organisationOf(referral.fromType, referral.fromId),
      to: organisationOf(this.settings.organisationType, referral.organisationId),
    };
  }

  private envelope<T>(referral: VerwijzingRecord, data: T) {
    return {
      source: organisationSource(referral.organisationId, this.settings.organisationType),
      subject: referral.pseudonymousReference,
      dataref: `${this.settings.publicUrl}/verwijzingen/${referral.overdrachtId}`,
      data,
    };
  }
}
