import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent, overdrachtOffered, overdrachtWithdrawn, type OverdrachtOfferedData } from '@estafette/contracts';
import { Outbox } from '@estafette/messaging';
import { DEFAULT_RESPONSE_WORKING_DAYS, canDo, responseDueAt, type WithdrawReason } from '@estafette/overdracht';
import { buildRouter } from '../domain/region-routing.js';
import { OverdrachtTimerRecord } from '../persistence/overdracht-timer.entity.js';
import { OverdrachtRecord } from '../persistence/overdracht.entity.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { RMC_SETTINGS, type RmcSettings } from '../rmc-settings.js';
import { rmcSource } from './rmc-source.js';

export interface OfferInput {
  to: { organisationType: 'werk-inkomen' | 'zorg' | 'school'; id: string };
  purpose: OverdrachtOfferedData['purpose'];
  reason: OverdrachtOfferedData['handoverReason'];
  contactPerson: string;
  firstContactProposedOn?: string;
  legalBasis?: OverdrachtOfferedData['legalBasis'];
  toestemmingId?: string;
}

const today = () => new Date().toISOString().slice(0, 10);
const wholeYearsSince = (iso: string) => Math.floor((Date.now() - Date.parse(iso)) / (365.25 * 86_400_000));

/** The RMC offers a warm handover from one of its tasks, or withdraws it; it keeps the baton until acceptance. */
@Injectable()
export class OfferOverdracht {
  private readonly responseDays: Map<string, number>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(RMC_SETTINGS) private readonly settings: RmcSettings,
  ) {
    buildRouter(settings.regionMap); // refuses an inconsistent map at start, like the melding does
    const { defaults, regions } = settings.regionMap;
    this.responseDays = new Map(regions.map((r) => [r.code, r.settings?.offerResponseWorkingDays ?? defaults.offerResponseWorkingDays ?? DEFAULT_RESPONSE_WORKING_DAYS]));
  }

  offer(region: string, taakId: string, input: OfferInput, by: string): Promise<OverdrachtRecord> {
    return this.dataSource.transaction(async (manager) => {
      const taak = await manager.findOne(TaakRecord, { where: { id: taakId, region }, lock: { mode: 'pessimistic_write' } });
      if (!taak) throw new NotFoundException(`no task ${taakId} in your region`);
      // Warm means the young person is involved: no handover before the RMC has been in contact.
      if (taak.status !== 'in-contact' && taak.status !== 'traject') throw new ConflictException(`a task that is ${taak.status} cannot be handed over: record contact with the young person first`);
      if (await manager.existsBy(OverdrachtRecord, { taakId, status: 'aangeboden' })) throw new ConflictException('this task already has an open offer: wait for the answer or withdraw it');

      const dueAt = responseDueAt(today(), this.responseDays.get(region) ?? DEFAULT_RESPONSE_WORKING_DAYS);
      const record: OverdrachtRecord = {
        id: randomUUID(), taakId, pseudonymousReference: taak.pseudonymousReference, region, toType: input.to.organisationType, toId: input.to.id,
        purpose: input.purpose, handoverReason: input.reason, contactPerson: input.contactPerson, firstContactProposedOn: input.firstContactProposedOn ?? null,
        responseDueAt: dueAt, status: 'aangeboden', answerReason: null, firstContactPlannedOn: null, escalatedAt: null, plaatsingId: null, placementType: null,
        followUpChecks: null, offeredBy: by, createdAt: new Date(),
      };
      await manager.insert(OverdrachtRecord, record);
      await manager.insert(OverdrachtTimerRecord, { overdrachtId: record.id, dueAt });
      await Outbox.add(manager, createEvent(overdrachtOffered, {
        source: rmcSource(region),
        subject: taak.pseudonymousReference,
        dataref: `${this.settings.publicUrl}/overdrachten/${record.id}`,
        data: {
          overdrachtId: record.id,
          from: { organisationType: 'rmc', id: `rmc:${region}` },
          to: input.to,
          purpose: input.purpose,
          handoverReason: input.reason,
          legalBasis: input.legalBasis ?? 'publieke-taak',
          ...(input.toestemmingId ? { toestemmingId: input.toestemmingId } : {}),
          responseDueAt: dueAt.toISOString(),
          ageAtOffer: taak.ageAtRegistration + wholeYearsSince(taak.registrationDate),
          municipalityOfResidence: taak.municipality,
          vsvMeldingId: taak.id,
          ...(input.firstContactProposedOn ? { firstContactProposedOn: input.firstContactProposedOn } : {}),
        },
      }));
      return record;
    });
  }

  withdraw(region: string, taakId: string, overdrachtId: string, reason: WithdrawReason): Promise<OverdrachtRecord> {
    return this.dataSource.transaction(async (manager) => {
      const record = await manager.findOne(OverdrachtRecord, { where: { id: overdrachtId, taakId, region }, lock: { mode: 'pessimistic_write' } });
      if (!record) throw new NotFoundException(`no overdracht ${overdrachtId} on task ${taakId} in your region`);
      if (!canDo(record.status, 'withdraw')) throw new ConflictException(`an overdracht that is ${record.status} cannot be withdrawn`);
      await manager.update(OverdrachtRecord, { id: overdrachtId }, { status: 'ingetrokken', answerReason: reason });
      await Outbox.add(manager, createEvent(overdrachtWithdrawn, {
        source: rmcSource(region),
        subject: record.pseudonymousReference,
        data: { overdrachtId, from: { organisationType: 'rmc', id: `rmc:${region}` }, to: { organisationType: record.toType as never, id: record.toId }, reason },
      }));
      return { ...record, status: 'ingetrokken', answerReason: reason };
    });
  }
}
