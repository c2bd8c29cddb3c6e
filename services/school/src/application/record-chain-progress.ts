import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CloudEvent } from '@estafette/contracts';
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
  async handle(event: CloudEvent, manager: EntityManager, observed: NazorgStatus): Promise<void> {
    const { uitschrijvingId, lastSchool } = (event.data ?? {}) as NamedRecord;
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
