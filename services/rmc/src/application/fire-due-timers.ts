import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { claimDueTimers, ServiceCalendar } from '@estafette/service-kit';
import { createEvent, vsvMeldingFirstContactOverdue } from '@estafette/contracts';
import { Outbox } from '@estafette/messaging';
import { isOpen } from '../domain/taak-lifecycle.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { TimerRecord } from '../persistence/timer.entity.js';
import { rmcSource } from './rmc-source.js';

/**
 * Fires due timers exactly once: the timer is marked fired in the same transaction that writes the
 * escalation to the outbox, and SKIP LOCKED lets several instances share the work without doubling it.
 */
@Injectable()
export class FireDueTimers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: ServiceCalendar,
  ) {}

  /** `now`: the service's clock unless a test moves time on. */
  async run(now = this.calendar.now()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await claimDueTimers(manager, TimerRecord, now);
      let escalated = 0;
      for (const timer of due) {
        await manager.update(TimerRecord, { id: timer.id }, { firedAt: now });
        const taak = await manager.findOneBy(TaakRecord, { id: timer.taakId });
        if (!taak || !isOpen(taak.status)) continue;
        if (timer.kind === 'prepare-wi-handover') {
          await manager.update(TaakRecord, { id: taak.id }, { wiHandoverDueSince: now });
          continue;
        }
        // Contact made before the deadline: the timer expires silently.
        if (taak.firstContactAt) continue;
        await manager.update(TaakRecord, { id: taak.id }, { escalatedAt: now });
        await Outbox.add(
          manager,
          createEvent(vsvMeldingFirstContactOverdue, {
            source: rmcSource(taak.region),
            subject: taak.pseudonymousReference,
            data: {
              vsvMeldingId: taak.id,
              rmcRegion: taak.region,
              firstContactDueDate: taak.firstContactDueDate,
              escalatedAt: now.toISOString(),
            },
          }),
        );
        escalated++;
      }
      return escalated;
    });
  }
}
