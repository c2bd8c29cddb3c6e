import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UitgaandeOverdrachtRecord } from '@estafette/receiver';
import { claimDueTimers, ServiceCalendar } from '@estafette/service-kit';
import { createEvent, vsvMeldingFirstContactOverdue } from '@estafette/contracts';
import { Outbox } from '@estafette/messaging';
import { isOpen } from '../domain/taak-lifecycle.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { TimerRecord } from '../persistence/timer.entity.js';
import { EndRegie } from './end-regie.js';
import { fireConsulentTimer, isConsulentTimer } from './fire-consulent-timers.js';
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
    private readonly endRegie: EndRegie,
  ) {}

  /** `now`: the service's clock unless a test moves time on. */
  async run(now = this.calendar.now()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await claimDueTimers(manager, TimerRecord, now);
      let escalated = 0;
      for (const timer of due) {
        if (isConsulentTimer(timer)) {
          await fireConsulentTimer(manager, timer, now);
          continue;
        }
        await manager.update(TimerRecord, { id: timer.id }, { firedAt: now });
        const taak = await manager.findOneBy(TaakRecord, { id: timer.taakId });
        if (!taak || !isOpen(taak.status)) continue;
        if (timer.kind === 'prepare-wi-handover') {
          // Already offered to W&I and waiting for the answer: nothing to prepare, no flag for the coordinator.
          const offered = await manager.existsBy(UitgaandeOverdrachtRecord, {
            localRef: taak.id,
            status: 'aangeboden',
            toType: 'werk-inkomen',
          });
          if (!offered) await manager.update(TaakRecord, { id: taak.id }, { wiHandoverDueSince: now });
          continue;
        }
        if (timer.kind === 'turns-23') {
          await this.turns23(manager, taak, timer, now);
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

  /**
   * The 23rd birthday: the RMC's part ends. An offer still open (to W&I, made in the run-up) keeps the baton with the
   * RMC until its answer, so the timer waits for the answer deadline instead of leaving the young person with nobody;
   * an accepted offer has closed the task already. Source: RMC-wet (12 to 23); waiting for the answer is design.
   */
  private async turns23(manager: EntityManager, taak: TaakRecord, timer: TimerRecord, now: Date): Promise<void> {
    const open = await manager.findOneBy(UitgaandeOverdrachtRecord, { localRef: taak.id, status: 'aangeboden' });
    if (open) {
      // The same durable timer, due again at the answer deadline (one timer per kind and task).
      await manager.update(
        TimerRecord,
        { id: timer.id },
        { dueAt: new Date(Math.max(open.dueAt.getTime(), now.getTime() + 1)), firedAt: null },
      );
      return;
    }
    await this.endRegie.end(manager, taak, {
      reason: 'leeftijd-23',
      taakCloseReason: 'leeftijdsgrens-bereikt',
      endedOn: taak.turns23On ?? this.calendar.today(),
    });
  }
}
