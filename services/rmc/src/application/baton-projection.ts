import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CloudEvent } from '@estafette/contracts';
import { batonAfter, type BatonView } from '@estafette/overdracht';
import { BatonEventRecord, BatonHolderRecord } from '../persistence/baton.entity.js';

const regionsIn = (value: unknown, found = new Set<string>()): Set<string> => {
  if (typeof value === 'string' && /^rmc:RMC[0-9]{2}$/.test(value)) found.add(value.slice(4));
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
  /** `regions` adds the RMC regions an event does not name itself (an uitschrijving names only the municipality). */
  async record(event: CloudEvent, manager: EntityManager, regions: string[] = []): Promise<BatonView> {
    await manager.createQueryBuilder().insert().into(BatonEventRecord)
      .values({ eventId: event.id, pseudonymousReference: event.subject, type: event.type, time: new Date(event.time), data: event.data as object })
      .orIgnore()
      .execute();
    const events = await this.eventsOf(manager, event.subject);
    const view = batonAfter(events);
    const known = await manager.findOneBy(BatonHolderRecord, { pseudonymousReference: event.subject });
    const allRegions = [...new Set([...(known?.regions ?? []), ...regions, ...regionsIn(events.map((e) => e.data))])];
    await manager.upsert(
      BatonHolderRecord,
      { pseudonymousReference: event.subject, holderType: view.holder?.organisationType ?? null, holderId: view.holder?.id ?? null, regions: allRegions, conflicts: view.conflicts.length, updatedAt: new Date() },
      ['pseudonymousReference'],
    );
    return view;
  }

  async eventsOf(manager: EntityManager, subject: string) {
    const rows = await manager.find(BatonEventRecord, { where: { pseudonymousReference: subject } });
    return rows.map((r) => ({ id: r.eventId, type: r.type, time: r.time.toISOString(), data: r.data }));
  }
}
