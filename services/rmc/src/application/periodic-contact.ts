import type { EntityManager } from 'typeorm';
import type { CalendarDate } from '@estafette/calendar';
import { periodicContactDue } from '../domain/periodic-contact.js';
import { TimerRecord } from '../persistence/timer.entity.js';
import { nextStepDueAt } from '../domain/plan-van-aanpak.js';

/**
 * (Re-)arms a task's one timer of `kind` at `dueAt`: the row per (task, kind) gets the new instant and becomes unfired,
 * so a changed date never leaves a second timer behind. Caller's transaction, with the task row locked.
 */
export async function armTimer(manager: EntityManager, taakId: string, kind: 'next-step-due' | 'periodic-contact-due', dueAt: Date) {
  await manager.upsert(TimerRecord, { taakId, kind, dueAt, firedAt: null }, { conflictPaths: ['taakId', 'kind'] });
}

/**
 * Contact with the young person on `contactOn` (Amsterdam date): the periodic contact is due again `months` later
 * (source 001:161, period per region). Re-arms the timer and answers the task's new due date and cleared flag.
 */
export async function armPeriodicContact(manager: EntityManager, taakId: string, contactOn: CalendarDate, months: number) {
  const due = periodicContactDue(contactOn, months);
  await armTimer(manager, taakId, 'periodic-contact-due', due.timerDueAt);
  return { periodicContactDueDate: due.dueDate, periodicContactOverdueSince: null };
}

/** The plan's next step on `nextStepOn` (Amsterdam date): its timer fires at the start of that day. */
export const armNextStep = (manager: EntityManager, taakId: string, nextStepOn: CalendarDate) =>
  armTimer(manager, taakId, 'next-step-due', nextStepDueAt(nextStepOn));
