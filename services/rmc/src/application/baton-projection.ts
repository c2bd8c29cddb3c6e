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
import { batonAfter, type BatonView } from '@estafette/overdracht';
import { BatonEventRecord } from '../persistence/baton.entity.js';

const regionsIn = (value: unknown, found = new Set<string>()): Set<string> => {
  if (typeof value === 'string' && /^rmc:MC[0-9]{2}$/.test(value)) found.add(value.slice(4));
  else if (value && typeof value === 'object') for (const v of Object.values(value)) regionsIn(v, found);
  return found;
};

/**
 * The baton per young person, kept where every overdracht, plaatsing and uitval event is seen. The
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
    await manager
      .createQueryBuilder()
      .insert()
      .into(BatonEventRecord)
      .values({
        eventId: event.id,
        pseudonymousReference: event.subject,
        type: event.type,
        time: new Date(event.time),
        data: event.data as object,
      })
      .orIgnore()
      .execute();
    const events = await this.eventsOf(manager, event.subject);
    const view = batonAfter(events);
    // Regions only grow: merged in the upsert itself, so the regions given for an earlier event are kept without a read.
    await manager.query(
      `INSERT INTO baton_holder (pseudonymous_reference, holder_type, holder_id, regions, conflicts, updated_at)
       VALUES ($1, $2, $3, $4::text[], $5, now())
       ON CONFLICT (pseudonymous_reference) DO UPDATE SET
         holder_type = EXCLUDED.holder_type, holder_id = EXCLUDED.holder_id, conflicts = EXCLUDED.conflicts, updated_at = now(),
         regions = ARRAY(SELECT DISTINCT unnest(baton_holder.regions || EXCLUDED.regions) ORDER BY 1)`,
      [
        event.subject,
        view.holder?.organisationType ?? null,
        view.holder?.id ?? null,
        [...new Set([...regions, ...regionsIn(events.map((e) => e.data))])],
        view.conflicts.length,
      ],
    );
    return view;
  }

  async eventsOf(manager: EntityManager, subject: string) {
    const rows = await manager.find(BatonEventRecord, { where: { pseudonymousReference: subject } });
    return rows.map((r) => ({ id: r.eventId, type: r.type, time: r.time.toISOString(), data: r.data }));
  }
}
