import { startOfDay, type CalendarDate } from '@estafette/calendar';
import type { TaakStatus } from './taak-lifecycle.js';

/** Why a plan van aanpak cannot be written now (the 409's `reason`). */
export type PlanRefusal = 'nog-geen-contact' | 'taak-afgesloten';

export class PlanRefusedError extends Error {
  constructor(
    readonly reason: PlanRefusal,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The task's status once a plan van aanpak (a new version) is written: `in-contact` becomes `traject`, `traject`
 * stays. Before contact there is nobody to agree a plan with, and a task handed over or closed is no longer the RMC's
 * to plan: both throw PlanRefusedError with the reason. Source: design (issue 22; the status list is the RMC's).
 */
export function statusWithPlan(status: TaakStatus): TaakStatus {
  if (status === 'in-contact' || status === 'traject') return 'traject';
  if (status === 'nieuw' || status === 'toegewezen')
    throw new PlanRefusedError(
      'nog-geen-contact',
      `a plan van aanpak needs contact with the young person first: this task is ${status}; record a contact moment (kind contact)`,
    );
  throw new PlanRefusedError('taak-afgesloten', `this task is ${status}: it has no plan van aanpak any more`);
}

/**
 * When the next step's timer fires: the start (00:00, Amsterdam) of the next step's date (YYYY-MM-DD), so the task
 * is on top of the worklist when the consulent starts that day. Source: design.
 */
export const nextStepDueAt = (volgendeStapOp: CalendarDate): Date => startOfDay(volgendeStapOp);
