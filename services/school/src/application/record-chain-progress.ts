import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  vsvMeldingCancelled,
  vsvMeldingRegistered,
  type CloudEvent,
  type VsvMeldingCancelledData,
  type VsvMeldingRegisteredData,
} from '@estafette/contracts';
import { HandlesEvent } from '@estafette/service-kit';
import { nextNazorgStatus, type NazorgStatus } from '../domain/nazorg-status.js';
import { UitschrijvingRecord } from '../persistence/uitschrijving.entity.js';

/** The part of a vsv-melding event that says which school record it is about. */
interface NamedRecord {
  uitschrijvingId?: string;
  lastSchool?: { id: string };
}

/**
 * Feeds the school's nazorg view: what happened to its former students further down the chain.
 * Changes exactly the uitschrijving the event names (and only when it belongs to the school the event
 * names, if it names one). The pseudonymous reference is the same at every school for one BSN, so
 * matching on it would tell a school about a drop-out or re-enrolment elsewhere; an event that names
 * no record changes nothing.
 */
@Injectable()
export class RecordChainProgress {
  @HandlesEvent(vsvMeldingRegistered)
  registered(event: CloudEvent<VsvMeldingRegisteredData>, manager: EntityManager): Promise<void> {
    return this.handle(event, manager, 'vsv-gemeld');
  }

  @HandlesEvent(vsvMeldingCancelled)
  cancelled(event: CloudEvent<VsvMeldingCancelledData>, manager: EntityManager): Promise<void> {
    return this.handle(event, manager, 'vsv-vervallen');
  }

  private async handle(event: CloudEvent<NamedRecord>, manager: EntityManager, observed: NazorgStatus): Promise<void> {
    const { uitschrijvingId, lastSchool } = event.data ?? {};
    if (!uitschrijvingId) return;
    const record = await manager.findOne(UitschrijvingRecord, {
      where: { id: uitschrijvingId, pseudonymousReference: event.subject, ...(lastSchool ? { schoolId: lastSchool.id } : {}) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!record) return;
    const next = nextNazorgStatus(record.nazorgStatus, observed);
    if (next !== record.nazorgStatus) await manager.update(UitschrijvingRecord, { id: record.id }, { nazorgStatus: next });
  }
}
