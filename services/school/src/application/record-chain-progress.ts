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
import { HandlesEventBatch } from '@estafette/service-kit';
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
  @HandlesEventBatch(vsvMeldingRegistered)
  registered(events: CloudEvent<VsvMeldingRegisteredData>[], manager: EntityManager): Promise<void> {
    return this.record(events, manager, 'vsv-gemeld');
  }

  @HandlesEventBatch(vsvMeldingCancelled)
  cancelled(events: CloudEvent<VsvMeldingCancelledData>[], manager: EntityManager): Promise<void> {
    return this.record(events, manager, 'vsv-vervallen');
  }

  /** One observation for the records the events (the consumer's batch) name, in one statement. */
  private async record(events: CloudEvent<NamedRecord>[], manager: EntityManager, observed: NazorgStatus): Promise<void> {
    const named = events.filter((event) => event.data?.uitschrijvingId);
    if (named.length === 0) return;
    // One statement on the consumer's path: the rule's moves for this observation (from the pure nextNazorgStatus) join
    // each named record's current status, so only a record the rule moves is written. Under a concurrent change the
    // update re-checks the status on the row's newest version, as the earlier SELECT ... FOR UPDATE did.
    const moves = MOVES_ON.get(observed)!;
    await preparedQuery(
      manager,
      `UPDATE uitschrijving u SET nazorg_status = m.next
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS e(id, subject, school), unnest($4::text[], $5::text[]) AS m(current, next)
        WHERE u.id = e.id AND u.pseudonymous_reference = e.subject AND (e.school IS NULL OR u.school_id = e.school)
          AND u.nazorg_status = m.current`,
      [
        named.map((event) => event.data.uitschrijvingId),
        named.map((event) => event.subject),
        named.map((event) => event.data.lastSchool?.id ?? null),
        moves.from,
        moves.to,
      ],
    );
  }
}
