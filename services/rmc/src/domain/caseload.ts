import { isOpen, transition, type TaakStatus } from './taak-lifecycle.js';

/** Why one task of a bulk toewijzing cannot be reassigned; one such refusal refuses the whole request. */
export type ToewijzingRefusalReason =
  /** No task with this id in the caller's region (another region's task is not even said to exist). */
  | 'niet-in-regio'
  /** The task is overgedragen or gesloten: its work is done, there is nothing to reassign. */
  | 'niet-open';

export interface ToewijzingRefusal {
  taakId: string;
  reason: ToewijzingRefusalReason;
  /** The task's status, for `niet-open`. */
  status?: TaakStatus;
}

/**
 * The refusals of a bulk toewijzing: every requested id must be a task found in the caller's region (`found`, already
 * scoped by region) and open. Returns them in the order requested; an empty list means every task may be reassigned.
 * All or nothing: one refusal refuses the whole request, so a coordinator never has half a caseload moved. Source: design
 * (issue 22, caseload).
 */
export function toewijzingRefusals(
  requested: readonly string[],
  found: readonly { id: string; status: TaakStatus }[],
): ToewijzingRefusal[] {
  const byId = new Map(found.map((t) => [t.id, t]));
  return requested.flatMap((taakId): ToewijzingRefusal[] => {
    const taak = byId.get(taakId);
    if (!taak) return [{ taakId, reason: 'niet-in-regio' }];
    if (!isOpen(taak.status)) return [{ taakId, reason: 'niet-open', status: taak.status }];
    return [];
  });
}

/**
 * A task given to `assignee`: a new task becomes toegewezen, any other open status stays (a task in contact keeps its
 * contact). The same rule as the toewijzing of one task. Throws TaakTransitionError for a closed task.
 */
export function reassigned(status: TaakStatus, assignee: string): { assignedTo: string; status: TaakStatus } {
  if (!isOpen(status)) transition(status, 'toegewezen');
  return { assignedTo: assignee, status: status === 'nieuw' ? transition(status, 'toegewezen') : status };
}

/**
 * A first contact is overdue when its due date (the last day in time, Amsterdam date YYYY-MM-DD) is before `today` and no
 * contact was made. The same rule as the worklist's `overdue`. Source: DOMAIN.md, first contact in N working days.
 */
export function isFirstContactOverdue(
  taak: { status: TaakStatus; firstContactAt: Date | null; firstContactDueDate: string },
  today: string,
): boolean {
  return isOpen(taak.status) && !taak.firstContactAt && taak.firstContactDueDate < today;
}
