import { ConflictException, Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { createEvent, overdrachtExpired, overdrachtOffered, overdrachtWithdrawn, type OverdrachtOfferedData } from '@estafette/contracts';
import { Outbox } from '@estafette/messaging';
import { OrganisationsClient, OrganisationsUnavailableError } from '@estafette/organisations-client';
import { DEFAULT_RESPONSE_WORKING_DAYS, canDo, receiverRefusal, responseDueAt, type WithdrawReason } from '@estafette/overdracht';
import { calendarDateOf } from '@estafette/calendar';
import { claimDueTimers, fieldError, ServiceCalendar } from '@estafette/service-kit';
import { organisationOf, organisationSource } from '../../shared/organisation-source.js';
import { SENDER_SETTINGS, type SenderSettings } from '../sender-settings.js';
import { UitgaandeOverdrachtRecord } from '../persistence/uitgaande-overdracht.entity.js';

/** What the service's own record says about the young person; the caller checks it may hand over. */
export interface OverdrachtOffer {
  organisationId: string;
  localRef: string;
  pseudonymousReference: string;
  municipalityOfResidence: string;
  ageAtOffer: number;
  /** The date the young person turns 23 (YYYY-MM-DD), when the sender knows it: carried on the offer. */
  turns23On?: string;
  to: { organisationType: 'rmc' | 'werk-inkomen' | 'zorg' | 'school'; id: string };
  purpose: OverdrachtOfferedData['purpose'];
  reason: OverdrachtOfferedData['handoverReason'];
  contactPerson: string;
  firstContactProposedOn?: string;
  legalBasis?: OverdrachtOfferedData['legalBasis'];
  toestemmingId?: string;
  /** The RMC's task id, when the offer follows a vsv-melding. */
  vsvMeldingId?: string;
  /** The school's uitschrijving the young person comes from: the one dossier the receiver may read. */
  uitschrijvingId?: string;
  /** Answer time in working days when the sender's settings differ per organisation (the RMC's region map). */
  responseWorkingDays?: number;
  offeredBy: string;
}

/**
 * The sending side of a warm handover, for every sender (the RMC, W&I, zorg, pro/vso schools): offer,
 * withdraw, and expire an unanswered offer (escalating to the sender, and to the RMC region when it was the
 * receiver). The sender keeps the baton until acceptance; the life cycle is @estafette/overdracht's.
 */
@Injectable()
export class OfferOverdracht {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SENDER_SETTINGS) private readonly settings: SenderSettings,
    private readonly calendar: ServiceCalendar,
    private readonly organisations: OrganisationsClient,
  ) {}

  /**
   * Runs inside the caller's transaction, so the check on its own record and the offer commit together. The
   * answer deadline counts the receiver's working days from today's Amsterdam date (responseDueAt).
   * The receiver must be an active organisation of its kind in the organisation directory: else 400 naming
   * `to.id`; 503 while the directory cannot be asked (nothing is offered on a guess).
   */
  async offer(manager: EntityManager, input: OverdrachtOffer): Promise<UitgaandeOverdrachtRecord> {
    await this.checkReceiver(input.to);
    if (await manager.existsBy(UitgaandeOverdrachtRecord, { localRef: input.localRef, status: 'aangeboden' })) {
      throw new ConflictException('this young person already has an open offer from you: wait for the answer or withdraw it');
    }
    const days = input.responseWorkingDays ?? this.settings.responseWorkingDays ?? DEFAULT_RESPONSE_WORKING_DAYS;
    const now = this.calendar.now();
    const dueAt = responseDueAt(calendarDateOf(now), days, this.calendar.holidayRules(input.to.organisationType));
    const record: UitgaandeOverdrachtRecord = {
      id: randomUUID(),
      organisationId: input.organisationId,
      localRef: input.localRef,
      pseudonymousReference: input.pseudonymousReference,
      toType: input.to.organisationType,
      toId: input.to.id,
      purpose: input.purpose,
      handoverReason: input.reason,
      contactPerson: input.contactPerson,
      firstContactProposedOn: input.firstContactProposedOn ?? null,
      responseDueAt: dueAt,
      dueAt,
      firedAt: null,
      status: 'aangeboden',
      answerReason: null,
      firstContactPlannedOn: null,
      enrolmentPlannedOn: null,
      escalatedAt: null,
      plaatsingId: null,
      placementType: null,
      followUpChecks: null,
      offeredBy: input.offeredBy,
      createdAt: now,
    };
    await manager.insert(UitgaandeOverdrachtRecord, record);
    await Outbox.add(
      manager,
      createEvent(overdrachtOffered, {
        source: this.source(input.organisationId),
        subject: input.pseudonymousReference,
        dataref: `${this.settings.publicUrl}/overdrachten-uit/${record.id}`,
        data: {
          overdrachtId: record.id,
          from: this.us(input.organisationId),
          to: input.to,
          purpose: input.purpose,
          handoverReason: input.reason,
          legalBasis: input.legalBasis ?? 'publieke-taak',
          ...(input.toestemmingId ? { toestemmingId: input.toestemmingId } : {}),
          responseDueAt: dueAt.toISOString(),
          ageAtOffer: input.ageAtOffer,
          ...(input.turns23On ? { turns23On: input.turns23On } : {}),
          municipalityOfResidence: input.municipalityOfResidence,
          ...(input.vsvMeldingId ? { vsvMeldingId: input.vsvMeldingId } : {}),
          ...(input.uitschrijvingId ? { uitschrijvingId: input.uitschrijvingId } : {}),
          ...(input.firstContactProposedOn ? { firstContactProposedOn: input.firstContactProposedOn } : {}),
        },
      }),
    );
    return record;
  }

  /** Withdraws an open offer of the organisation; `localRef` narrows it to one record (an RMC task's route). */
  withdraw(organisationId: string, id: string, reason: WithdrawReason, localRef?: string): Promise<UitgaandeOverdrachtRecord> {
    return this.dataSource.transaction(async (manager) => {
      const where = { id, organisationId, ...(localRef ? { localRef } : {}) };
      const record = await manager.findOne(UitgaandeOverdrachtRecord, { where, lock: { mode: 'pessimistic_write' } });
      if (!record) throw new NotFoundException(`no overdracht ${id} offered by your organisation${localRef ? ` from ${localRef}` : ''}`);
      if (!canDo(record.status, 'withdraw')) throw new ConflictException(`an overdracht that is ${record.status} cannot be withdrawn`);
      return this.withdrawRecord(manager, record, reason);
    });
  }

  /**
   * Withdraws every offer of the local record `localRef` (e.g. an RMC task) still waiting for its answer, in the caller's
   * transaction: when the record's responsibility ends or moves (re-enrolment, a corrected melding), nobody may accept
   * an offer the sender no longer stands behind. Returns the withdrawn offers.
   */
  async withdrawOpenOf(manager: EntityManager, localRef: string, reason: WithdrawReason): Promise<UitgaandeOverdrachtRecord[]> {
    const open = await manager.find(UitgaandeOverdrachtRecord, {
      where: { localRef, status: 'aangeboden' },
      lock: { mode: 'pessimistic_write' },
    });
    return Promise.all(open.map((record) => this.withdrawRecord(manager, record, reason)));
  }

  private async withdrawRecord(manager: EntityManager, record: UitgaandeOverdrachtRecord, reason: WithdrawReason) {
    await manager.update(UitgaandeOverdrachtRecord, { id: record.id }, { status: 'ingetrokken', answerReason: reason });
    await Outbox.add(
      manager,
      createEvent(overdrachtWithdrawn, {
        source: this.source(record.organisationId),
        subject: record.pseudonymousReference,
        data: { overdrachtId: record.id, from: this.us(record.organisationId), to: this.to(record), reason },
      }),
    );
    return { ...record, status: 'ingetrokken' as const, answerReason: reason };
  }

  /**
   * Fires due answer deadlines once each; an offer answered or withdrawn in time lapses silently. The claim
   * locks the offer row itself (SKIP LOCKED), so a reply being applied is never overwritten by an expiry.
   */
  expireDue(now = this.calendar.now()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await claimDueTimers(manager, UitgaandeOverdrachtRecord, now);
      let expired = 0;
      for (const offer of due) {
        await manager.update(UitgaandeOverdrachtRecord, { id: offer.id }, { firedAt: now });
        if (!canDo(offer.status, 'expire')) continue;
        await manager.update(UitgaandeOverdrachtRecord, { id: offer.id }, { status: 'verlopen', escalatedAt: now });
        const sender = this.us(offer.organisationId);
        await Outbox.add(
          manager,
          createEvent(overdrachtExpired, {
            source: this.source(offer.organisationId),
            subject: offer.pseudonymousReference,
            data: {
              overdrachtId: offer.id,
              from: sender,
              to: this.to(offer),
              responseDueAt: offer.responseDueAt.toISOString(),
              escalatedTo: offer.toType === 'rmc' ? [sender, this.to(offer)] : [sender],
            },
          }),
        );
        expired++;
      }
      return expired;
    });
  }

  private async checkReceiver(to: OverdrachtOffer['to']): Promise<void> {
    let found;
    try {
      found = (await this.organisations.lookup([to.id])).get(to.id);
    } catch (error) {
      if (!(error instanceof OrganisationsUnavailableError)) throw error;
      throw new ServiceUnavailableException(`the receiver cannot be checked now (${error.message}); nothing was offered, try again later`);
    }
    const refusal = receiverRefusal(to, found);
    if (refusal) throw fieldError('to.id', refusal);
  }

  private to = (record: UitgaandeOverdrachtRecord) => ({ organisationType: record.toType, id: record.toId }) as never;
  private us = (organisationId: string) => organisationOf(this.settings.organisationType, organisationId);
  private source = (organisationId: string) => organisationSource(organisationId, this.settings.organisationType);
}
