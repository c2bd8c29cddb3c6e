import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { claimDueTimers } from '@estafette/service-kit';
import { createEvent, overdrachtExpired } from '@estafette/contracts';
import { Outbox } from '@estafette/messaging';
import { canDo } from '@estafette/overdracht';
import { OverdrachtTimerRecord } from '../persistence/overdracht-timer.entity.js';
import { OverdrachtRecord } from '../persistence/overdracht.entity.js';
import { rmcSource } from './rmc-source.js';

/**
 * Expires unanswered offers exactly once: the timer is marked fired in the transaction that writes the
 * expiry, and SKIP LOCKED lets several instances share the work. An expired offer escalates (to the
 * sending region, which is also the RMC) and never drops silently: the RMC still holds the baton.
 */
@Injectable()
export class ExpireDueOffers {
  constructor(private readonly dataSource: DataSource) {}

  run(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await claimDueTimers(manager, OverdrachtTimerRecord, now);
      let expired = 0;
      for (const timer of due) {
        await manager.update(OverdrachtTimerRecord, { overdrachtId: timer.overdrachtId }, { firedAt: now });
        const offer = await manager.findOneBy(OverdrachtRecord, { id: timer.overdrachtId });
        // Answered or withdrawn in time: the timer lapses silently.
        if (!offer || !canDo(offer.status, 'expire')) continue;
        await manager.update(OverdrachtRecord, { id: offer.id }, { status: 'verlopen', escalatedAt: now });
        const rmc = { organisationType: 'rmc' as const, id: `rmc:${offer.region}` };
        await Outbox.add(manager, createEvent(overdrachtExpired, {
          source: rmcSource(offer.region),
          subject: offer.pseudonymousReference,
          data: { overdrachtId: offer.id, from: rmc, to: { organisationType: offer.toType as never, id: offer.toId }, responseDueAt: offer.responseDueAt.toISOString(), escalatedTo: [rmc] },
        }));
        expired++;
      }
      return expired;
    });
  }
}
