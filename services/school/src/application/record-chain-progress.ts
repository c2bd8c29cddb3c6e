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
    // Plain SQL: the school handles this for every uitschrijving the chain reports on (issue 19).
    const [record] = (await manager.query(
      `SELECT nazorg_status FROM uitschrijving
        WHERE id = $1 AND pseudonymous_reference = $2 AND ($3::text IS NULL OR school_id = $3) FOR UPDATE`,
      [uitschrijvingId, event.subject, lastSchool?.id ?? null],
    )) as { nazorg_status: NazorgStatus }[];
    if (!record) return;
    const next = nextNazorgStatus(record.nazorg_status, observed);
    if (next !== record.nazorg_status)
      await manager.query('UPDATE uitschrijving SET nazorg_status = $2 WHERE id = $1', [uitschrijvingId, next]);
  }
}
