import type { EntityManager } from 'typeorm';
import { calendarDateOf } from '@estafette/calendar';
import { createEvent, vsvMeldingPeriodicContactOverdue } from '@estafette/contracts';
import { Outbox } from '@estafette/messaging';
import { isOpen } from '../domain/taak-lifecycle.js';
import { TaakRecord } from '../persistence/taak.entity.js';
import { TimerRecord } from '../persistence/timer.entity.js';
import { rmcSource } from './rmc-source.js';

/** The timers of the consulent's own work on a task (plan van aanpak, periodic contact); the others are FireDueTimers'. */
export const isConsulentTimer = (timer: TimerRecord): boolean => timer.kind === 'next-step-due' || timer.kind === 'periodic-contact-due';

/**
 * Fires one claimed consulent timer in the caller's transaction: the next step's date puts the task back on top of
 * the worklist (`back_on_top_since`); a periodic contact's period passed without contact flags the task
 * (`periodic_contact_overdue_since`) and is published (`vsv-melding.periodic-contact-overdue`). Only while the task is open (not handed over, placed or closed).
 * The task row is taken with SKIP LOCKED: a consulent writing a contact or a plan holds it and re-arms this very timer,
 * so the timer waits for the next tick instead of deadlocking with that request. Answers whether it fired.
 */
export async function fireConsulentTimer(manager: EntityManager, timer: TimerRecord, now: Date): Promise<boolean> {
  const taak = await manager.findOne(TaakRecord, {
    where: { id: timer.taakId },
    lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
  });
  // The timer references its task (foreign key): no row here means another transaction holds it.
  if (!taak) return false;
  await manager.update(TimerRecord, { id: timer.id }, { firedAt: now });
  if (!isOpen(taak.status)) return true;
  if (timer.kind === 'next-step-due') {
    await manager.update(TaakRecord, { id: taak.id }, { backOnTopSince: now });
    return true;
  }
  await manager.update(TaakRecord, { id: taak.id }, { periodicContactOverdueSince: now });
  // Counted in the steering figures (ids and dates only): the monitor sees it, nobody else acts on it.
  await Outbox.add(
    manager,
    createEvent(vsvMeldingPeriodicContactOverdue, {
      source: rmcSource(taak.region),
      subject: taak.pseudonymousReference,
      data: {
        vsvMeldingId: taak.id,
        rmcRegion: taak.region,
        periodicContactDueDate: taak.periodicContactDueDate ?? calendarDateOf(now),
        flaggedAt: now.toISOString(),
      },
    }),
  );
  return true;
}
