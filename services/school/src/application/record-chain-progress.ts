import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  vsvMeldingCancelled,
  vsvMeldingRegistered,
  type CloudEvent,
  type VsvMeldingCancelledData,
  type VsvMeldingRegisteredData,
} from '@estafette/contracts';
import { preparedQuery } from '@estafette/messaging';
import { HandlesEvent } from '@estafette/service-kit';
import { NAZORG_STATUSES, nextNazorgStatus, type NazorgStatus } from '../domain/nazorg-status.js';

/** The part of a vsv-melding event that says which school record it is about. */
interface NamedRecord {
  uitschrijvingId?: string;
  lastSchool?: { id: string };
}

/**
 * Per observed status, the rule's moves as parallel arrays (from, to): every status nextNazorgStatus moves on that
 * observation and where to; statuses it leaves alone are not listed. Derived once from the pure rule.
 */
const MOVES_ON = new Map(
  NAZORG_STATUSES.map((observed) => {
    const moves = NAZORG_STATUSES.map((from) => ({ from, to: nextNazorgStatus(from, observed) })).filter((m) => m.to !== m.from);
    return [observed, { from: moves.map((m) => m.from), to: moves.map((m) => m.to) }] as const;
  }),
);

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
    // One statement on the consumer's path: the rule's moves for this observation (from the pure nextNazorgStatus) join
    // the record's current status, so only a record the rule moves is written. Under a concurrent change the update
    // re-checks the status on the row's newest version, as the earlier SELECT ... FOR UPDATE did.
    const moves = MOVES_ON.get(observed)!;
    await preparedQuery(
      manager,
      `UPDATE uitschrijving u SET nazorg_status = m.next
         FROM unnest($4::text[], $5::text[]) AS m(current, next)
        WHERE u.id = $1 AND u.pseudonymous_reference = $2 AND ($3::text IS NULL OR u.school_id = $3) AND u.nazorg_status = m.current`,
      [uitschrijvingId, event.subject, lastSchool?.id ?? null, moves.from, moves.to],
    );
  }
}
