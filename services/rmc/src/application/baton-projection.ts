import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  overdrachtAccepted,
  overdrachtExpired,
  overdrachtFirstContactHeld,
  overdrachtFirstContactMissed,
  overdrachtOffered,
  overdrachtRejected,
  overdrachtWithdrawn,
  plaatsingFollowUpChecked,
  plaatsingPlaced,
  uitvalNaPlaatsingRegistered,
  type CloudEvent,
} from '@estafette/contracts';
import { ObservesEvents } from '@estafette/service-kit';
import { batonAfter, type BatonEvent, type BatonView } from '@estafette/overdracht';
import { preparedQuery, youngPersonsTurnKey } from '@estafette/messaging';
import { BatonHolderRecord } from '../persistence/baton.entity.js';

const regionsIn = (value: unknown, found = new Set<string>()): Set<string> => {
  if (typeof value === 'string' && /^rmc:MC[0-9]{2}$/.test(value)) found.add(value.slice(4));
  else if (value && typeof value === 'object') for (const v of Object.values(value)) regionsIn(v, found);
  return found;
};

/**
 * SQL for every baton event stored for the young person in the text parameter `param`, as one JSON array of
 * BatonEvent (time as toISOString writes it, UTC with milliseconds): one value instead of a row per event, so a
 * statement can return it beside its own results. Sees the rows committed before the statement started.
 */
export const batonEventsJson = (param: string): string =>
  `(SELECT coalesce(json_agg(json_build_object('id', event_id, 'type', type,
      'time', to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'data', data)), '[]'::json)
     FROM baton_event WHERE pseudonymous_reference = ${param})`;

/**
 * An event as baton_event stores it and batonEventsJson reads it back (time as toISOString writes it, data through JSON:
 * jsonb keeps no undefined), for a statement that stored it itself: the holder is then the one a later refresh computes.
 */
export const batonEventOf = (event: CloudEvent): BatonEvent => ({
  id: event.id,
  type: event.type,
  time: new Date(event.time).toISOString(),
  data: JSON.parse(JSON.stringify(event.data)) as unknown,
});

/**
 * The baton per young person, kept where every overdracht, plaatsing and uitval event is seen, plus the RMC's own
 * vsv-meldingen, cancellations and ends of regie, and the enrolments it handles (recorded by their handlers). The
 * events are stored as they arrive and the holder is recomputed from all of them, so arrival order
 * and redelivery cannot change the answer (see batonAfter in @estafette/overdracht).
 */
@Injectable()
export class BatonProjection {
  /** Every overdracht, plaatsing and uitval event, first, in the transaction of the event's own handler. */
  @ObservesEvents(
    overdrachtOffered,
    overdrachtWithdrawn,
    overdrachtExpired,
    overdrachtAccepted,
    overdrachtRejected,
    overdrachtFirstContactHeld,
    overdrachtFirstContactMissed,
    plaatsingPlaced,
    plaatsingFollowUpChecked,
    uitvalNaPlaatsingRegistered,
  )
  async observe(event: CloudEvent, manager: EntityManager): Promise<void> {
    await this.record(event, manager);
  }

  /** `regions` adds the RMC regions an event does not name itself (an uitschrijving names only the municipality). */
  async record(event: CloudEvent, manager: EntityManager, regions: string[] = []): Promise<BatonView> {
    // One young person's events are recorded one transaction at a time (the consumer and a timer or a request may record
    // at once): otherwise the later commit could store a holder computed without the other's event. The turn is taken
    // in the insert's own statement; the read in `refresh` is a later statement, so its snapshot sees every earlier
    // turn's commit.
    await preparedQuery(
      manager,
      `WITH turn AS (SELECT pg_advisory_xact_lock(${youngPersonsTurnKey('$2::text')}))
       INSERT INTO baton_event (event_id, pseudonymous_reference, type, time, data)
       SELECT $1, $2, $3, $4, $5::jsonb FROM turn
       ON CONFLICT (event_id) DO NOTHING`,
      [event.id, event.subject, event.type, new Date(event.time), JSON.stringify(event.data)],
    );
    return this.refresh(manager, event.subject, regions);
  }

  /**
   * The holder of `subject` recomputed from the events stored, after the caller stored its own event (in the same
   * transaction, holding the young person's turn: takeYoungPersonsTurn, or `record`).
   */
  async refresh(manager: EntityManager, subject: string, regions: string[] = []): Promise<BatonView> {
    return this.refreshWith(manager, subject, await this.eventsOf(manager, subject), regions);
  }

  /**
   * As `refresh`, with the young person's events already read by the caller in its own statement (batonEventsJson,
   * plus what that statement stored itself), holding the turn: one round trip less.
   */
  async refreshWith(manager: EntityManager, subject: string, events: BatonEvent[], regions: string[] = []): Promise<BatonView> {
    const [view] = await this.refreshAll(manager, [{ subject, events, regions }]);
    return view!;
  }

  /**
   * As `refreshWith`, for several young persons in one statement (the consumer's batch): `young` names each subject once
   * (one upsert cannot change a row twice). The views are returned in `young`'s order.
   */
  async refreshAll(manager: EntityManager, young: { subject: string; events: BatonEvent[]; regions?: string[] }[]): Promise<BatonView[]> {
    if (young.length === 0) return [];
    const views = young.map(({ events }) => batonAfter(events));
    const rows = young.map(({ subject, events, regions = [] }, i) => {
      const view = views[i]!;
      return {
        subject,
        holder_type: view.holder?.organisationType ?? null,
        holder_id: view.holder?.id ?? null,
        regions: [...new Set([...regions, ...regionsIn(events.map((e) => e.data))])],
        conflicts: view.conflicts.length,
        in_scope: view.inScope,
        ended_reason: view.ended?.reason ?? null,
        ended_on: view.ended?.on ?? null,
        turns_23_on: view.turns23On ?? null,
      };
    });
    // Regions only grow: merged in the upsert itself, so the regions given for an earlier event are kept without a read.
    await preparedQuery(
      manager,
      `INSERT INTO baton_holder
         (pseudonymous_reference, holder_type, holder_id, regions, conflicts, in_scope, ended_reason, ended_on, turns_23_on, updated_at)
       SELECT subject, holder_type, holder_id, regions, conflicts, in_scope, ended_reason, ended_on, turns_23_on, now()
         FROM json_to_recordset($1::json) AS h(subject text, holder_type text, holder_id text, regions text[], conflicts int,
           in_scope boolean, ended_reason text, ended_on date, turns_23_on date)
       ON CONFLICT (pseudonymous_reference) DO UPDATE SET
         holder_type = EXCLUDED.holder_type, holder_id = EXCLUDED.holder_id, conflicts = EXCLUDED.conflicts,
         in_scope = EXCLUDED.in_scope, ended_reason = EXCLUDED.ended_reason, ended_on = EXCLUDED.ended_on,
         turns_23_on = EXCLUDED.turns_23_on, updated_at = now(),
         regions = ARRAY(SELECT DISTINCT unnest(baton_holder.regions || EXCLUDED.regions) ORDER BY 1)`,
      [JSON.stringify(rows)],
    );
    return views;
  }

  /** As `record`, for an event that matters only to a young person whose baton is already followed here. */
  async recordIfKnown(event: CloudEvent, manager: EntityManager): Promise<void> {
    if (await manager.existsBy(BatonHolderRecord, { pseudonymousReference: event.subject })) await this.record(event, manager);
  }

  /** The baton of one young person from every event recorded here. */
  async viewOf(manager: EntityManager, subject: string): Promise<BatonView> {
    return batonAfter(await this.eventsOf(manager, subject));
  }

  async eventsOf(manager: EntityManager, subject: string): Promise<BatonEvent[]> {
    const [{ events }]: { events: BatonEvent[] }[] = await manager.query(`SELECT ${batonEventsJson('$1')} AS events`, [subject]);
    return events;
  }
}
